package vn.bordergate.onboarding;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** Closing a gate for a while, with the reason firms and drivers are told. */
@Schema(description = "A closure: slots starting before `to` and ending after `from` are not offered")
public record ClosureRequest(
        @Schema(required = true, example = "2027-02-05T13:00:00+07:00", description = "Start of the closure, with offset: "
                + "from the start (00:00) of the gate's today on; earlier today is taken as sent (a closure since this "
                + "morning), an earlier day is refused (400, naming the allowed range), not clamped")
        OffsetDateTime from,
        @Schema(required = true, example = "2027-02-05T17:00:00+07:00", description = "End of the closure (exclusive), "
                + "after now and after from, at most 62 days after from and at most 366 days after the start of the "
                + "gate's today (400 otherwise, naming the allowed range). Days beyond the booking horizon are only "
                + "recorded: their slots are left out when the days open for booking")
        OffsetDateTime to,
        @Schema(required = true) Reason reason) {

    @Schema(description = "The reason, in Vietnamese and in English")
    public record Reason(@Schema(required = true, example = "Nghỉ Tết Nguyên đán") String vi,
                         @Schema(required = true, example = "Lunar New Year holiday") String en) {
    }
}
