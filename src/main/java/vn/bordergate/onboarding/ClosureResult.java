package vn.bordergate.onboarding;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A closure as made: its id (to reopen it), and what became of each booking inside it. */
@Schema(description = "The closure, the bookings moved to the nearest open slots with room, and those cancelled")
public record ClosureResult(UUID id, OffsetDateTime from, OffsetDateTime to, ClosureRequest.Reason reason,
                            List<Moved> moved, List<Cancelled> cancelled) {

    /** A booking moved out of the closure (event SLOT_MOVED, with the closure's reason). */
    public record Moved(UUID id, String reference, OffsetDateTime from, OffsetDateTime to) {
    }

    /** A booking with no open slot with room left in the horizon: cancelled by the gate (reason gate-closed). */
    public record Cancelled(UUID id, String reference, OffsetDateTime slotStart) {
    }
}
