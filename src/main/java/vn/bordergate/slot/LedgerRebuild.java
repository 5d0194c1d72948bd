package vn.bordergate.slot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.Direction;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Counts a gate-day ledger from PostgreSQL and loads it into Redis under a new epoch. Holding the
 * gate-day advisory lock exclusively makes in-flight inserts (which hold it shared) finish first, and the
 * new epoch makes inserts admitted by the old ledger fail their fence, so the count is exact.
 */
@ApplicationScoped
public class LedgerRebuild {

    private final Pool pool;
    private final SlotLedger ledger;
    private final SlotSchedule schedule;
    private final ObjectMapper json;

    public LedgerRebuild(Pool pool, SlotLedger ledger, SlotSchedule schedule, ObjectMapper json) {
        this.pool = pool;
        this.ledger = ledger;
        this.schedule = schedule;
        this.json = json;
    }

    /** Rebuilds the ledger if it is missing (another instance may have rebuilt it while we waited). */
    public Uni<Void> rebuild(Gate gate, LocalDate day) {
        return rebuild(gate, day, false);
    }

    /** Rebuilds the ledger; {@code force} replaces it even if Redis has one. */
    public Uni<Void> rebuild(Gate gate, LocalDate day, boolean force) {
        LedgerKey key = new LedgerKey(gate.code, day);
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(key.lockName()))
                .chain(() -> force ? Uni.createFrom().item(false) : ledger.exists(key))
                .chain(exists -> exists ? Uni.createFrom().voidItem() : countAndLoad(conn, gate, key)));
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

    /**
     * Recounts a ledger on a connection that already holds the gate-day lock exclusively, inside a change
     * (such as a capacity cut) whose own uncommitted rows must be counted.
     */
    public Uni<Void> reloadWithin(SqlConnection conn, Gate gate, LocalDate day) {
        return countAndLoad(conn, gate, new LedgerKey(gate.code, day));
    }

    private Uni<Void> countAndLoad(SqlConnection conn, Gate gate, LedgerKey key) {
        String epoch = UUID.randomUUID().toString();
        ZoneId zone = gate.zone();
        Map<String, Object> capacity = new HashMap<>();
        for (Direction direction : Direction.values()) {
            for (Slot slot : schedule.slotsOn(gate, key.day())) {
                capacity.put(LedgerKey.slotField(direction, slot), gate.defaultCapacity(direction));
            }
        }
        Map<String, Object> used = new HashMap<>();
        Map<String, Object> firm = new HashMap<>();
        Map<String, Object> plate = new HashMap<>();
        Map<String, Object> queue = new HashMap<>();
        Tuple gateDay = Tuple.of(gate.code, key.day());
        Tuple withPlaces = Tuple.of(gate.code, key.day(), DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE));
        return newEpoch(conn, key, epoch)
                .chain(() -> conn.preparedQuery("SELECT direction, slot_start, capacity FROM slot_capacities "
                                + "WHERE gate_code = $1 AND (slot_start AT TIME ZONE $2)::date = $3")
                        .execute(Tuple.of(gate.code, gate.timeZone, key.day()))
                        .invoke(rows -> rows.forEach(r -> capacity.put(field(r, zone), r.getInteger("capacity")))))
                .chain(() -> conn.preparedQuery("SELECT direction, slot_start, count(*) AS n FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 AND status = ANY($3) GROUP BY 1, 2")
                        .execute(withPlaces)
                        .invoke(rows -> rows.forEach(r -> used.put(field(r, zone), r.getLong("n")))))
                .chain(() -> conn.preparedQuery("SELECT tax_code, count(*) AS n FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 AND status = ANY($3) GROUP BY 1")
                        .execute(withPlaces)
                        .invoke(rows -> rows.forEach(r -> firm.put(r.getString("tax_code"), r.getLong("n")))))
                .chain(() -> conn.preparedQuery("SELECT plate_key, id FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 AND status = ANY($3)")
                        .execute(Tuple.of(gate.code, key.day(), DeclarationStatus.names(DeclarationStatus.HOLDING_TRUCK)))
                        .invoke(rows -> rows.forEach(r -> plate.put(r.getString("plate_key"), r.getUUID("id").toString()))))
                .chain(() -> conn.preparedQuery("SELECT direction, max(queue_number) AS n FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 GROUP BY 1")
                        .execute(gateDay)
                        .invoke(rows -> rows.forEach(r -> queue.put(r.getString("direction"), r.getInteger("n")))))
                .chain(() -> {
                    long expiresAt = key.day().plusDays(3).atStartOfDay(zone).toEpochSecond();
                    Map<String, Object> state = Map.of("capacity", capacity, "used", used, "firm", firm,
                            "plate", plate, "queue", queue);
                    Log.debugf("rebuilding ledger %s epoch %s: %d places used", key, epoch, used.size());
                    return ledger.load(key, epoch, expiresAt, toJson(state));
                });
    }

    private static String field(Row row, ZoneId zone) {
        OffsetDateTime start = row.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime();
        return LedgerKey.slotField(Direction.valueOf(row.getString("direction")), new Slot(start, start));
    }

    private String toJson(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
