package vn.bordergate.yard;

import vn.bordergate.declaration.Direction;

/** What the yard officer scanned: the QR token, or (no phone, dead battery) the plate and direction. */
public record CheckInRequest(String token, String plate, Direction direction) {
}
