package vn.bordergate.slot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.util.HashMap;
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
    private final HeldPlaces held;
    // Each rebuild sends the gate-day's bookings in flight back to claim: operators watch that it stays rare.
    private final Counter rebuilds;

    public LedgerRebuild(Pool pool, SlotLedger ledger, SlotSchedule schedule, ObjectMapper json, HeldPlaces held,
                         MeterRegistry metrics) {
        this.held = held;
        this.rebuilds = Counter.builder("bordergate.ledger.rebuilds").description(
                "Gate-day ledgers counted from PostgreSQL and loaded into Redis under a new epoch").register(metrics);
        this.pool = pool;
        this.ledger = ledger;
        this.schedule = schedule;
        this.json = json;
    }

    /** Rebuilds the ledger if it is missing (another instance may have rebuilt it while we waited). */
    public Uni<Void> rebuildIfMissing(Gate gate, LocalDate day) {
        LedgerKey key = new LedgerKey(gate.code, day);
        return pool.withTransaction(conn -> SlotStatements.lockGateDay(conn, key)
                .chain(() -> ledger.exists(key))
                .chain(exists -> exists ? Uni.createFrom().voidItem() : countAndLoad(conn, gate, key, false)));
    }

    /**
     * Replaces the ledger with a fresh count, whatever Redis holds now, if PostgreSQL still holds the epoch
     * {@code seenEpoch} ({@code null}: none yet) once the gate-day lock is ours; answers whether it did. Any
     * other epoch means another instance rebuilt the ledger after the caller looked, so doing it again
     * would only send that instance's bookings in flight back to claim.
     */
    public Uni<Boolean> replaceUnlessRebuiltSince(Gate gate, LocalDate day, String seenEpoch) {
        LedgerKey key = new LedgerKey(gate.code, day);
        return pool.withTransaction(conn -> SlotStatements.lockGateDay(conn, key)
                .chain(() -> SlotStatements.epoch(conn, key))
                .chain(now -> java.util.Objects.equals(now, seenEpoch)
                        ? countAndLoad(conn, gate, key, false).replaceWith(true)
                        : Uni.createFrom().item(false)));
    }

    /**
     * Recounts a ledger on a connection that already holds the gate-day lock exclusively, inside a change
     * (such as a capacity cut) whose own uncommitted rows must be counted.
     */
    public Uni<Void> reloadWithin(SqlConnection conn, Gate gate, LocalDate day) {
        return countAndLoad(conn, gate, new LedgerKey(gate.code, day), true);
    }

    /**
     * Writes a new epoch for the gate-day, counts it and loads the count into Redis. {@code redisMayBeAway}:
     * a change decided in PostgreSQL (a capacity change, a closure) goes on when Redis cannot take the load,
     * as a booking does (ARCHITECTURE.md, "What if Redis is down"): the new epoch already fences whatever
     * Redis holds for that day, so the ledger is recounted the next time it is used.
     */
    private Uni<Void> countAndLoad(SqlConnection conn, Gate gate, LedgerKey key, boolean redisMayBeAway) {
        String epoch = UUID.randomUUID().toString();
        Map<String, Object> capacity = new HashMap<>();
        return SlotStatements.newEpoch(conn, key, epoch)
                .chain(() -> Multi.createFrom().items(Direction.values())
                        .onItem().transformToUniAndConcatenate(direction -> SlotStatements
                                .capacities(conn, gate, direction, key.day(), key.day())
                                .invoke(set -> {
                                    for (Slot slot : schedule.slotsOn(gate, key.day())) {
                                        capacity.put(LedgerKey.slotField(direction, slot),
                                                set.getOrDefault(slot.start(), gate.defaultCapacity(direction)));
                                    }
                                }))
                        .collect().asList())
                .chain(() -> held.count(conn, gate, key.day()))
                .chain(counted -> {
                    long expiresAt = key.day().plusDays(3).atStartOfDay(gate.zone()).toEpochSecond();
                    Map<String, Object> state = Map.of("capacity", capacity, "used", counted.perSlot(),
                            "firm", counted.perFirm(), "plate", counted.bookingOfTruck(), "queue", counted.lastQueueNumber());
                    Log.debugf("rebuilding ledger %s epoch %s: %d slots in use", key, epoch, counted.perSlot().size());
                    rebuilds.increment();
                    Uni<Void> load = ledger.load(key, epoch, expiresAt, toJson(state));
                    return !redisMayBeAway ? load : load.onFailure().recoverWithUni(e -> {
                        Log.warnf("ledger %s not loaded (%s): fenced by epoch %s, recounted when next used", key, e, epoch);
                        return Uni.createFrom().voidItem();
                    });
                });
    }

    private String toJson(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
