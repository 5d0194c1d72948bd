package vn.bordergate.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A province's fee figures per day of crossing, as its finance office reconciles them: what the trips owe,
 * what was paid for them and what is due back, by customs regime and by the two lines the province reports
 * (vehicles entering or leaving; transshipment vehicles), with the collecting Centre's 10 % and the budget's 90 %.
 */
@Schema(description = "Fee figures per slot day of a province's gates")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeeReport(
        @Schema(maxLength = 40) String province,
        LocalDate from,
        LocalDate to,
        @Schema(description = "false when some of these days' bookings are archived and not counted")
        boolean complete,
        @Schema(maxItems = 31) List<Day> days,
        Figures total) {

    /** One day's figures. */
    public record Day(LocalDate day, Figures figures) {
    }

    /** Money and trips; every amount in whole VND. */
    public record Figures(
            @Schema(description = "Trips that crossed or are booked to (not cancelled, rejected or no-show)") long trips,
            @Schema(description = "Of those, trips whose fee has no amount (a band not published)") long unpricedTrips,
            long dueVnd,
            @Schema(description = "Paid in, less what was paid back, for these days' trips (cancelled ones included)")
            long paidVnd,
            long refundDueVnd,
            @Schema(description = "Trips and amount due per customs regime") Map<String, Line> byRegime,
            @Schema(description = "VEHICLES (entering or leaving) and TRANSSHIPMENT (goods only transferred at the wharf)")
            Map<String, Line> byReportLine,
            @Schema(description = "10 % of paidVnd, kept by the collecting Centre") long centreShareVnd,
            @Schema(description = "The other 90 %, for the provincial budget") long budgetShareVnd) {
    }

    /** Trips and what they owe. */
    public record Line(long trips, long dueVnd) {
    }
}
