package vn.bordergate.onboarding;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A closure as made: its id (to reopen it), how many bookings inside it were moved or cancelled, and of
 * those only the ones the caller may read (the firms' bookings stay the firms'; they hear through notices).
 */
@Schema(description = "The closure, how many bookings inside it were moved to the nearest open slots with room and how "
        + "many were cancelled, and which ones, listing only bookings the caller may read (an admin: all; a province "
        + "admin: none). Each owner hears of its own through the declaration's events (SLOT_MOVED, CANCELLED), "
        + "streams and webhooks.")
public record ClosureResult(UUID id, OffsetDateTime from, OffsetDateTime to, ClosureRequest.Reason reason,
                            @Schema(description = "Bookings moved out of the closure, all of them") int movedCount,
                            @Schema(description = "Bookings cancelled by the gate (reason gate-closed), all of them") int cancelledCount,
                            @Schema(description = "The moved bookings the caller may read") List<Moved> moved,
                            @Schema(description = "The cancelled bookings the caller may read") List<Cancelled> cancelled) {

    /** A booking moved out of the closure (event SLOT_MOVED, with the closure's reason). */
    public record Moved(UUID id, String reference, OffsetDateTime from, OffsetDateTime to) {
    }

    /** A booking with no open slot with room left in the horizon: cancelled by the gate (reason gate-closed). */
    public record Cancelled(UUID id, String reference, OffsetDateTime slotStart) {
    }
}
