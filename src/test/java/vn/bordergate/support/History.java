package vn.bordergate.support;

import io.quarkus.arc.Arc;
import vn.bordergate.declaration.archive.PartitionKeeper;
import vn.bordergate.declaration.idempotency.DeclarationIds;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Declarations of past days written straight into their day partitions, as years of service would have left
 * them: what tests of history (statistics, listings, the live days) read through the API.
 */
public final class History {

    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private History() {
    }

    /** Makes sure the booking day has its partitions (the keeper creates them only around today). */
    public static void dayOnline(LocalDate bookingDay) {
        Arc.container().instance(PartitionKeeper.class).get().create(bookingDay).await().atMost(Duration.ofSeconds(30));
    }

    /**
     * A declaration booked on {@code bookingDay} (at {@code createdAt}) for a 09:00 slot on {@code slotDay}; when
     * {@code waitMinutes} is given, it checked in at the slot and exited that many minutes later.
     */
    public static UUID declaration(LocalDate bookingDay, LocalDate slotDay, String gate, String taxCode, String status,
                                   OffsetDateTime createdAt, Integer waitMinutes) {
        dayOnline(bookingDay);
        UUID id = DeclarationIds.mint(bookingDay, UUID.randomUUID().toString());
        OffsetDateTime slot = slotDay.atTime(9, 0).atOffset(VIETNAM);
        OffsetDateTime exited = waitMinutes == null ? null : slot.plusMinutes(waitMinutes);
        Database.update("INSERT INTO declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, "
                        + "slot_day, status, priority, queue_number, tax_code, plate_key, driver_phone, vehicle, driver, cargo, "
                        + "created_by, created_at, checked_in_at, exited_at) VALUES (?, ?, ?, ?, 'EXPORT', ?, ?, ?, ?, "
                        + "'STANDARD', 1, ?, ?, '0912345678', '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, 'history', ?, ?, ?)",
                id, bookingDay, "H-" + id.toString().substring(9, 23), gate, slot, slot.plusHours(1), slotDay, status,
                taxCode, "H" + id.toString().substring(24), createdAt, exited == null ? null : slot, exited);
        return id;
    }
}
