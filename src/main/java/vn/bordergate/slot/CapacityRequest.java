package vn.bordergate.slot;

import vn.bordergate.declaration.Direction;

import java.time.OffsetDateTime;

/** A new capacity for every slot of one direction starting in [from, to). */
public record CapacityRequest(Direction direction, OffsetDateTime from, OffsetDateTime to, Integer capacityPerSlot) {
}
