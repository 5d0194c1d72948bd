package vn.bordergate.slot;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statement on the slot feature's tables ({@code ledger_epochs}, {@code slot_capacities}) and its
 * gate-day advisory locks. Bookings hold a gate-day lock shared and a rebuild or capacity change holds it
 * exclusively; the epoch row is the fence a booking's insert reads.
 */
@ApplicationScoped
public class SlotStatements {

    private final Pool pool;

    SlotStatements(Pool pool) {
        this.pool = pool;
    }

    /** Holds the gate-day's lock exclusively until the transaction ends. */
    public static Uni<Void> lockGateDay(SqlConnection conn, LedgerKey key) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(key.lockName()))
                .replaceWithVoid();
    }

    /** Locks several gate-days, always in date order so two changes over overlapping days cannot deadlock. */
    public static Uni<Void> lockGateDays(SqlConnection conn, String gateCode, List<LocalDate> days) {
        return Multi.createFrom().iterable(days.stream().sorted().toList())
                .onItem().transformToUniAndConcatenate(day -> lockGateDay(conn, new LedgerKey(gateCode, day)))
                .collect().asList().replaceWithVoid();
    }

    /**
     * Holds the gate-days' epoch rows for the rest of the transaction. Bookings read their epoch row
     * {@code FOR SHARE} in the statement that writes them, so this waits for the ones in flight and keeps
     * new ones out until the transaction ends: a change that counts bookings after this counts them all.
     */
    public static Uni<Void> fenceBookings(SqlConnection conn, String gateCode, List<LocalDate> days) {
        return conn.preparedQuery("SELECT day FROM ledger_epochs WHERE gate_code = $1 AND day = ANY($2) "
                        + "ORDER BY day FOR UPDATE")
                .execute(Tuple.of(gateCode, days.toArray(LocalDate[]::new))).replaceWithVoid();
    }

    /** Writes a new epoch so that inserts admitted by the current Redis ledger are refused and retried. */
    public static Uni<Void> newEpoch(SqlConnection conn, LedgerKey key, String epoch) {
        return conn.preparedQuery("INSERT INTO ledger_epochs (gate_code, day, epoch) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (gate_code, day) DO UPDATE SET epoch = EXCLUDED.epoch")
                .execute(Tuple.of(key.gateCode(), key.day(), epoch)).replaceWithVoid();
    }

    /** The epoch PostgreSQL holds for one gate-day, or null before its first ledger. */
    public static Uni<String> epoch(SqlConnection conn, LedgerKey key) {
        return conn.preparedQuery("SELECT epoch FROM ledger_epochs WHERE gate_code = $1 AND day = $2")
                .execute(Tuple.of(key.gateCode(), key.day()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("epoch") : null);
    }

    /** The epoch PostgreSQL holds for every gate-day from {@code first} on. */
    public Uni<Map<LedgerKey, String>> epochsFrom(LocalDate first) {
        return pool.preparedQuery("SELECT gate_code, day, epoch FROM ledger_epochs WHERE day >= $1")
                .execute(Tuple.of(first))
                .map(rows -> {
                    Map<LedgerKey, String> epochs = new HashMap<>();
                    rows.forEach(r -> epochs.put(new LedgerKey(r.getString("gate_code"), r.getLocalDate("day")),
                            r.getString("epoch")));
                    return epochs;
                });
    }

    /** Capacities set for a direction's slots starting on the gate's local days {@code first..last}. */
    public static Uni<Map<OffsetDateTime, Integer>> capacities(SqlConnection conn, Gate gate, Direction direction,
                                                               LocalDate first, LocalDate last) {
        return conn.preparedQuery("SELECT slot_start, capacity FROM slot_capacities WHERE gate_code = $1 "
                        + "AND direction = $2 AND (slot_start AT TIME ZONE $3)::date BETWEEN $4 AND $5")
                .execute(Tuple.tuple(List.of(gate.code, direction.name(), gate.timeZone, first, last)))
                .map(rows -> {
                    Map<OffsetDateTime, Integer> capacities = new HashMap<>();
                    rows.forEach(r -> capacities.put(localStart(r, gate), r.getInteger("capacity")));
                    return capacities;
                });
    }

    /** Sets the capacity of each of a direction's slots. */
    public static Uni<Void> setCapacity(SqlConnection conn, Gate gate, Direction direction, List<Slot> slots, int capacity) {
        List<Tuple> rows = slots.stream().map(s -> Tuple.of(gate.code, direction.name(), s.start(), capacity)).toList();
        return conn.preparedQuery("INSERT INTO slot_capacities (gate_code, direction, slot_start, capacity) "
                        + "VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (gate_code, direction, slot_start) DO UPDATE SET capacity = EXCLUDED.capacity")
                .executeBatch(rows).replaceWithVoid();
    }

    private static OffsetDateTime localStart(Row row, Gate gate) {
        return row.getOffsetDateTime("slot_start").atZoneSameInstant(gate.zone()).toOffsetDateTime();
    }

    /** Holds the gate-day lock shared for the rest of the transaction: many bookings, no rebuild meanwhile. */
    public static Uni<Void> lockGateDayShared(SqlConnection conn, LedgerKey key) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock_shared(hashtext($1))")
                .execute(Tuple.of(key.lockName())).replaceWithVoid();
    }
}
