package vn.bordergate.gate;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Arrays;

/**
 * Writes gates on a connection that holds their gate-days' locks: a change that touches slots must commit
 * together with the check that no booking is stranded by it, and with its audit record (onboarding).
 * Hibernate Reactive's session would run on a connection of its own; reading gates goes through the
 * {@link Gate} entity.
 */
public final class GateStatements {

    private GateStatements() {
    }

    /** Inserts a new gate; a taken code or reference prefix fails with SQLSTATE 23505. */
    public static Uni<Void> insert(SqlConnection conn, Gate g) {
        return conn.preparedQuery("INSERT INTO gates (code, name, province, province_code, reference_prefix, international, "
                        + "active, time_zone, opens_at, closes_at, opening_hours, slot_minutes, booking_horizon_days, "
                        + "export_capacity, import_capacity, booking_opens_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                        + "$10, $11, $12, $13, $14, $15, $16)")
                .execute(values(g)).replaceWithVoid();
    }

    public static Uni<Void> update(SqlConnection conn, Gate g) {
        return conn.preparedQuery("UPDATE gates SET name = $2, province = $3, province_code = $4, reference_prefix = $5, "
                        + "international = $6, active = $7, time_zone = $8, opens_at = $9, closes_at = $10, "
                        + "opening_hours = $11, slot_minutes = $12, booking_horizon_days = $13, "
                        + "export_capacity = $14, import_capacity = $15, booking_opens_at = $16 WHERE code = $1")
                .execute(values(g)).replaceWithVoid();
    }

    private static Tuple values(Gate g) {
        return Tuple.from(Arrays.asList(g.code, g.name, g.province, g.provinceCode, g.referencePrefix, g.international,
                g.active, g.timeZone, g.opensAt, g.closesAt, g.openingHours, g.slotMinutes, g.bookingHorizonDays,
                g.exportCapacity, g.importCapacity, g.bookingOpensAt));
    }
}
