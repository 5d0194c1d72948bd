package vn.bordergate.capacitychange;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.Direction;

import java.time.OffsetDateTime;

/** A new capacity for every slot of one direction starting in [from, to). */
public record CapacityRequest(
        @Schema(required = true) Direction direction,
        @Schema(description = "First slot start to change (inclusive), from the start (00:00) of the gate's today on. "
                + "A range starting on an earlier day is refused as a whole (400, naming the allowed range), not clamped",
                format = "date-time", required = true) OffsetDateTime from,
        @Schema(description = "Slot starts before this are changed: at most 31 days after from, and at most the end of "
                + "the day that opens next for booking (the last day with a ledger; 400 otherwise, naming the allowed "
                + "range). Later days keep the gate's default capacity until they come this close",
                format = "date-time", required = true) OffsetDateTime to,
        @Schema(description = "New capacity of each slot", minimum = "0", maximum = "10000", format = "int32", required = true)
        Integer capacityPerSlot) {
}
