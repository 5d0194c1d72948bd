package vn.bordergate.capacity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.Direction;

import java.time.OffsetDateTime;

/** A new capacity for every slot of one direction starting in [from, to). */
public record CapacityRequest(
        @Schema(required = true) Direction direction,
        @Schema(description = "First slot start to change (inclusive)", format = "date-time", required = true) OffsetDateTime from,
        @Schema(description = "Slot starts before this are changed (at most 31 days after from)", format = "date-time",
                required = true) OffsetDateTime to,
        @Schema(description = "New capacity of each slot", minimum = "0", maximum = "10000", format = "int32", required = true)
        Integer capacityPerSlot) {
}
