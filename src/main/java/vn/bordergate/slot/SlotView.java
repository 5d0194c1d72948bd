package vn.bordergate.slot;

import java.time.OffsetDateTime;

/** A slot with its places, as firms see it before booking. */
public record SlotView(OffsetDateTime start, OffsetDateTime end, int capacity, int booked, int available) {
}
