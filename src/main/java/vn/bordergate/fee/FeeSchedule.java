package vn.bordergate.fee;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * A province's border-gate fee rates from the day they take effect: its bands in order (the first that
 * matches a load prices it) and the multipliers applied after. A schedule is law: once in force it is never
 * changed; a new one with a later date replaces it from that date.
 */
@Schema(description = "A province's fee schedule, in force from effectiveFrom until the next one")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeeSchedule(
        @Schema(readOnly = true, examples = "CAO_BANG", maxLength = 40) String province,
        @Schema(readOnly = true, format = "date", examples = "2020-01-01") LocalDate effectiveFrom,
        @Schema(description = "The resolution that sets the rates", maxLength = 200, required = true,
                examples = "39/2019/NQ-HĐND")
        String resolution,
        @Schema(description = "Only part of the resolution's table is held: a load outside the bands held is "
                + "quoted UNPRICED, never guessed")
        Boolean partial,
        @Schema(description = "The bands of the resolution not held yet, in words", maxItems = 50)
        List<String> missingBands,
        @Schema(maxItems = 100, required = true) List<FeeRule> rules,
        @Schema(maxItems = 20) List<FeeMultiplier> multipliers) {

    public static final int MAX_RULES = 100;
    public static final int MAX_MULTIPLIERS = 20;
    public static final int MAX_MISSING_BANDS = 50;

    public FeeSchedule {
        missingBands = missingBands == null ? List.of() : List.copyOf(missingBands);
        rules = rules == null ? List.of() : List.copyOf(rules);
        multipliers = multipliers == null ? List.of() : List.copyOf(multipliers);
    }

    public boolean isPartial() {
        return Boolean.TRUE.equals(partial);
    }

    /** The same rates, named as {@code province}'s schedule from {@code day}. */
    public FeeSchedule as(String provinceCode, LocalDate day) {
        return new FeeSchedule(provinceCode, day, resolution, isPartial(), missingBands, rules, multipliers);
    }
}
