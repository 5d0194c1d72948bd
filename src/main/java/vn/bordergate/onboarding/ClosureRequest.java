package vn.bordergate.onboarding;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** Closing a gate for a while, with the reason firms and drivers are told. */
@Schema(description = "A closure: slots starting before `to` and ending after `from` are not offered")
public record ClosureRequest(
        @Schema(required = true, example = "2027-02-05T13:00:00+07:00") OffsetDateTime from,
        @Schema(required = true, example = "2027-02-05T17:00:00+07:00") OffsetDateTime to,
        @Schema(required = true) Reason reason) {

    @Schema(description = "The reason, in Vietnamese and in English")
    public record Reason(@Schema(required = true, example = "Nghỉ Tết Nguyên đán") String vi,
                         @Schema(required = true, example = "Lunar New Year holiday") String en) {
    }
}
