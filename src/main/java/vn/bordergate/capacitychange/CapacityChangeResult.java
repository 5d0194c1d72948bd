package vn.bordergate.capacitychange;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a capacity change did: how many slots it set, which bookings it moved to later slots, and any it
 * could not place (they stay, and the slot shows as over capacity until someone acts).
 */
@Schema(description = "The slots set, the bookings moved and those that could not be placed. Only the gate's "
        + "supervisors and admins change capacity, and both may read every booking of the gate, so the lists are "
        + "complete; each firm also hears of its own moves (event SLOT_MOVED, stream, webhooks).")
public record CapacityChangeResult(int slotsChanged, List<Moved> moved, List<Unplaced> unplaced) {

    /** A booking moved out of a slot whose capacity was cut. */
    public record Moved(UUID declarationId, String reference, OffsetDateTime from, OffsetDateTime to) {
    }

    /** A booking over the new capacity for which no later slot had room. */
    public record Unplaced(UUID declarationId, String reference, OffsetDateTime slotStart) {
    }
}
