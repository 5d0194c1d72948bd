package vn.bordergate.declaration.idempotency;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A declaration id names the day partition its declaration lives in, and one request mints one id a day. */
class DeclarationIdsTest {

    @Test
    void anIdCarriesItsBookingDayAndIsAWellFormedVersion8Uuid() {
        LocalDate day = LocalDate.of(2026, 12, 2);
        UUID id = DeclarationIds.mint(day, "0100109106\nkey-1\nhash");

        assertEquals(8, id.version());
        assertEquals(2, id.variant());
        assertEquals(day, DeclarationIds.partitionDay(id));
        // Days since 1970-01-01 in the first 32 bits: an operator reads the partition off the id.
        assertEquals(String.format("%08x", day.toEpochDay()), id.toString().substring(0, 8));
        assertEquals(id, UUID.fromString(id.toString()));
    }

    @Test
    void aRetryOnTheSameDayMintsTheSameIdAndAnotherRequestOrDayAnother() {
        LocalDate day = LocalDate.of(2027, 2, 10);
        UUID first = DeclarationIds.mint(day, "firm\nkey\nbody");

        assertEquals(first, DeclarationIds.mint(day, "firm\nkey\nbody"));
        assertNotEquals(first, DeclarationIds.mint(day, "firm\nkey\nother body"));
        assertNotEquals(first, DeclarationIds.mint(day.plusDays(1), "firm\nkey\nbody"));
    }

    @Test
    void idsMintedBeforePartitioningLiveInTheUndatedPartition() {
        UUID legacy = UUID.nameUUIDFromBytes("firm\nkey\nbody".getBytes());
        assertEquals(DeclarationIds.UNDATED, DeclarationIds.partitionDay(legacy));
        assertEquals(DeclarationIds.UNDATED, DeclarationIds.partitionDay(UUID.randomUUID()));
    }
}
