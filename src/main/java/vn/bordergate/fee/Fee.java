package vn.bordergate.fee;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What one trip owes: the amount in VND and one line per band or multiplier applied, so a firm and the
 * finance office can check it by hand. UNPRICED when no schedule, or no band of a partial one, covers the load.
 */
@Schema(description = "The border-gate fee of one trip; the lines add up to amountVnd")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fee(
        Status status,
        @Schema(description = "Whole VND; absent when UNPRICED", examples = "5500000") Long amountVnd,
        @Schema(examples = "VND", maxLength = 3) String currency,
        @Schema(examples = "CAO_BANG", maxLength = 40) String province,
        @Schema(description = "The schedule version applied", format = "date") LocalDate scheduleEffectiveFrom,
        @Schema(maxLength = 200) String resolution,
        @Schema(maxItems = 21) List<Line> lines,
        @Schema(description = "Why no amount could be given", maxLength = 500) String unpricedBecause) {

    public enum Status {
        QUOTED, UNPRICED
    }

    /** A band (PER_TRIP, PER_TONNE) or a multiplier (PERCENT) and what it adds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(
            @Schema(maxLength = 200) String name,
            @Schema(enumeration = {"PER_TRIP", "PER_TONNE", "PERCENT"}, maxLength = 9) String basis,
            @Schema(description = "1 trip, the tonnes, or the percent applied") BigDecimal quantity,
            @Schema(description = "VND per trip or per tonne; absent for a multiplier") Long rateVnd,
            @Schema(description = "What this line adds, in whole VND (negative for a reduction)") long amountVnd) {
    }

    static Fee quoted(FeeSchedule schedule, List<Line> lines) {
        long total = lines.stream().mapToLong(Line::amountVnd).sum();
        return new Fee(Status.QUOTED, total, "VND", schedule.province(), schedule.effectiveFrom(),
                schedule.resolution(), List.copyOf(lines), null);
    }

    /** No amount, for a reason outside any schedule (a record that does not say what the truck carries). */
    public static Fee unpriced(String province, String because) {
        return unpriced(province, null, because);
    }

    static Fee unpriced(String province, FeeSchedule schedule, String because) {
        return new Fee(Status.UNPRICED, null, "VND", province, schedule == null ? null : schedule.effectiveFrom(),
                schedule == null ? null : schedule.resolution(), List.of(), because);
    }
}
