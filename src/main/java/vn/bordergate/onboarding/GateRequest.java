package vn.bordergate.onboarding;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.OpeningHours;

import java.util.List;

/**
 * A gate's configuration as an administrator sends it: every field to create a gate; to change one, only the
 * fields that change (null: unchanged), and {@code active: false} to stop new bookings.
 */
@Schema(description = "A gate's configuration. Creating a gate needs every field but active; a change sends only what changes.")
public record GateRequest(
        @Schema(description = "Gate code: capitals, digits and _; never changes", example = "BAT_XAT") String code,
        @Schema(example = "Bát Xát") String name,
        @Schema(description = "Code of the province (GET /api/v1/provinces)", example = "LAO_CAI") String provinceCode,
        @Schema(description = "2 to 4 capitals starting the references of its declarations", example = "BX") String referencePrefix,
        Boolean international,
        @Schema(description = "IANA time zone of the gate", example = "Asia/Ho_Chi_Minh") String timeZone,
        @Schema(description = "Slot length in minutes: 15, 20, 30, 60 or 120", example = "60") Integer slotMinutes,
        @Schema(description = "Days ahead bookable, 0 to 30", example = "3") Integer bookingHorizonDays,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm")
        @Schema(description = "Local time at which the day bookingHorizonDays ahead opens for booking (default 00:00)",
                example = "00:00", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)
        java.time.LocalTime bookingOpensAt,
        @Schema(description = "Default places per EXPORT slot, 0 to 10000", example = "10") Integer exportCapacity,
        @Schema(description = "Default places per IMPORT slot, 0 to 10000", example = "10") Integer importCapacity,
        @Schema(description = "Opening hours per weekday; a weekday in no entry is closed") List<OpeningHours> openingHours,
        @Schema(description = "Only on a change: false stops new bookings (existing ones keep their answer), true resumes them")
        Boolean active) {
}
