package vn.bordergate.yard;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.Direction;

/** What the yard officer scanned: the QR token, or (no phone, dead battery) the plate and direction. */
public record CheckInRequest(
        @Schema(description = "The scanned QR token", maxLength = 1024) String token,
        @Schema(description = "Or the plate, as written", maxLength = 16, examples = "29C-123.45") String plate,
        Direction direction) {
}
