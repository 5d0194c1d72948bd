package vn.bordergate.slot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.bordergate.persistence.LuaScript;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis side of slot admission: one atomic script per claim or release on a gate-day ledger.
 * Redis is never the truth: a missing ledger is rebuilt from PostgreSQL by {@link LedgerRebuild}.
 */
@ApplicationScoped
public class SlotLedger {

    // Every ledger script starts with ledger-epoch.lua: a ledger loaded into another Redis process than the
    // one answering counts as missing, so no state Redis restarted or failed over to is trusted unchecked.
    private static final String EPOCH = "ledger-epoch.lua";
    private static final LuaScript CLAIM = LuaScript.load(EPOCH, "claim.lua");
    private static final LuaScript RELEASE = LuaScript.load(EPOCH, "release.lua");
    private static final LuaScript LOAD = LuaScript.load(EPOCH, "load.lua");
    private static final LuaScript READ = LuaScript.load(EPOCH, "read.lua");
    private static final LuaScript INVALIDATE = LuaScript.load(EPOCH, "invalidate.lua");
    private static final LuaScript VALID = LuaScript.load(EPOCH, "valid.lua");
    private static final LuaScript HOLDER = LuaScript.load(EPOCH, "holder.lua");

    /** How long a read of a ledger may be reused by this instance; claims are always decided in Redis. */
    static final long READ_REUSE_NANOS = 200_000_000L;

    private record RecentRead(long at, Uni<LedgerState> state) {
    }

    private final ReactiveRedisDataSource redis;
    // Availability is read far more often than it changes: reads within 0.2 s share one Redis call, and any
    // change made through this instance drops its copy, so a firm sees its own booking at once.
    private final Map<LedgerKey, RecentRead> recentReads = new ConcurrentHashMap<>();
    private final FullSlots fullSlots;
    private final Duration answerWithin;

    @Inject
    public SlotLedger(ReactiveRedisDataSource redis, FullSlots fullSlots, AdmissionConfig config) {
        this(redis, fullSlots, config.redisTimeout());
    }

    /** A ledger for tools that wait for Redis as long as it takes. */
    public SlotLedger(ReactiveRedisDataSource redis, FullSlots fullSlots) {
        this(redis, fullSlots, (Duration) null);
    }

    private SlotLedger(ReactiveRedisDataSource redis, FullSlots fullSlots, Duration answerWithin) {
        this.redis = redis;
        this.fullSlots = fullSlots;
        this.answerWithin = answerWithin;
    }

    /**
     * Claims what a declaration needs in one step: a place in {@code wanted.slot()} (null to keep the one it
     * holds), a unit of the firm's daily quota (see {@link Claim.Purpose}), and the truck's day.
     * A new booking names its {@code attempt}, so that only this attempt can give the place back unseen
     * (see {@link #giveBack}); amendments pass null.
     * <p>
     * Redis must answer within {@code bordergate.admission.redis-timeout} of the claim being <em>sent</em>: the
     * wait for a pooled connection is not Redis being slow, and is bounded by the request's own deadline.
     * A claim that fails with {@link io.smallrye.mutiny.TimeoutException} may still reach Redis later; giving
     * back its attempt withdraws it (release.lua), so it then counts nothing.
     */
    public Uni<Claim> claim(LedgerKey ledger, Holding wanted, int firmQuota, Claim.Purpose purpose, UUID attempt) {
        List<String> args = List.of(slotField(wanted), wanted.taxCode(), wanted.plateKey(),
                wanted.declarationId().toString(), Integer.toString(firmQuota), purpose.countsAgainstQuota() ? "1" : "0",
                wanted.direction().name(), purpose == Claim.Purpose.NEW_BOOKING ? "1" : "0",
                attempt == null ? "" : attempt.toString());
        List<String> keys = new ArrayList<>(ledger.all());
        keys.add(ledger.key("withdrawn"));
        return Uni.createFrom().item(System::nanoTime).chain(sentAt -> withinAnswerTime(CLAIM, keys, args)
                .map(SlotLedger::toClaim)
                .invoke(claim -> {
                    if (claim.outcome() == Claim.Outcome.SLOT_FULL) {
                        fullSlots.heardFull(ledger, args.get(0), sentAt);
                    }
                })
                .map(claim -> claim.sentAt(sentAt)))
                .eventually(() -> recentReads.remove(ledger));
    }

    /** Runs {@code script} on a connection of its own, timing Redis from the moment the command goes out. */
    private Uni<Response> withinAnswerTime(LuaScript script, List<String> keys, List<String> args) {
        if (answerWithin == null || redis == null) {
            return script.run(redis, keys, args);
        }
        return script.runTimed(redis, keys, args, answerWithin);
    }

    /**
     * Whether the truck may hold a place on the ledger's day: false only when the ledger is valid and the
     * truck holds nothing there. A booking refused without a claim asks this first, so that a retry of a
     * booking that succeeded is never told its slot is full.
     */
    public Uni<Boolean> truckMayHoldTheDay(LedgerKey ledger, String plateKey) {
        return HOLDER.run(redis, List.of(ledger.epoch(), ledger.key("plate")), List.of(plateKey))
                .map(r -> r.toInteger() != 0);
    }

    /**
     * Gives back the {@code parts} of what a declaration held; a no-op if the ledger no longer counts it
     * (see release.lua), or if {@code expectedEpoch} is given and the ledger was replaced since.
     */
    public Uni<Boolean> release(LedgerKey ledger, Holding held, Set<Holding.Part> parts, String expectedEpoch) {
        return release(ledger, held, parts, expectedEpoch, null);
    }

    /**
     * Gives back a new booking's claim only if {@code attempt} made it: after a timeout (was it applied?)
     * or a failed write. A twin request of the same booking that found the place held never takes it away.
     */
    public Uni<Boolean> giveBack(LedgerKey ledger, Holding held, String expectedEpoch, UUID attempt) {
        return release(ledger, held, Holding.Part.all(), expectedEpoch, attempt);
    }

    private Uni<Boolean> release(LedgerKey ledger, Holding held, Set<Holding.Part> parts, String expectedEpoch,
                                 UUID attempt) {
        List<String> keys = List.of(ledger.epoch(), ledger.key("used"), ledger.key("firm"), ledger.key("plate"),
                ledger.key("withdrawn"));
        List<String> args = List.of(parts.contains(Holding.Part.PLACE) ? slotField(held) : "",
                parts.contains(Holding.Part.QUOTA_UNIT) ? held.taxCode() : "", held.plateKey(),
                held.declarationId().toString(), parts.contains(Holding.Part.TRUCK_DAY) ? "1" : "0",
                expectedEpoch == null ? "" : expectedEpoch, attempt == null ? "" : attempt.toString());
        // A give-back is timed like the claim it undoes; other releases follow a committed row and wait for Redis.
        Uni<Response> released = attempt != null ? withinAnswerTime(RELEASE, keys, args) : RELEASE.run(redis, keys, args);
        return released.map(r -> r.toInteger() == 1).eventually(() -> changed(ledger));
    }

    private static String slotField(Holding holding) {
        return holding.slot() == null ? "" : LedgerKey.slotField(holding.direction(), holding.slot());
    }

    /** The ledger's capacities and places used, or null when the ledger is missing. */
    public Uni<LedgerState> read(LedgerKey ledger) {
        long now = System.nanoTime();
        RecentRead recent = recentReads.compute(ledger, (key, old) -> old != null && now - old.at() < READ_REUSE_NANOS ? old
                : new RecentRead(now, readFromRedis(key).memoize().indefinitely()));
        // A missing ledger or a failed read is never reused: the next reader tries again.
        return recent.state().onItemOrFailure().invoke((state, failure) -> {
            if (state == null || failure != null) {
                recentReads.remove(ledger, recent);
            }
        });
    }

    private Uni<LedgerState> readFromRedis(LedgerKey ledger) {
        return READ.run(redis, List.of(ledger.epoch(), ledger.key("capacity"), ledger.key("used")), List.of())
                .map(r -> r.size() == 1 ? null : new LedgerState(r.get(0).toString(), toMap(r.get(1)), toMap(r.get(2))));
    }

    /** Replaces the ledger with a state counted from PostgreSQL. */
    Uni<Void> load(LedgerKey ledger, String epoch, long expiresAtEpochSecond, String stateJson) {
        return LOAD.run(redis, ledger.all(), List.of(epoch, Long.toString(expiresAtEpochSecond), stateJson))
                .replaceWithVoid().eventually(() -> changed(ledger));
    }

    /**
     * Loads a ledger that no gate uses, with {@code capacity} places in {@code slotField}, kept ten minutes:
     * for an instance to rehearse claims and give-backs before it takes traffic.
     */
    public Uni<Void> loadRehearsal(LedgerKey ledger, String slotField, int capacity) {
        String state = new JsonObject()
                .put("capacity", new JsonObject().put(slotField, capacity))
                .put("used", new JsonObject()).put("firm", new JsonObject())
                .put("plate", new JsonObject()).put("queue", new JsonObject())
                .encode();
        return load(ledger, "rehearsal", Instant.now().getEpochSecond() + 600, state);
    }

    /** Marks the ledger as missing if it is still at {@code staleEpoch}; null drops any epoch. */
    public Uni<Void> invalidate(LedgerKey ledger, String staleEpoch) {
        return INVALIDATE.run(redis, List.of(ledger.epoch()), List.of(staleEpoch == null ? "" : staleEpoch))
                .replaceWithVoid().eventually(() -> changed(ledger));
    }

    /** Places may have been freed or counted anew: what this instance remembers of the ledger is dropped. */
    private void changed(LedgerKey ledger) {
        recentReads.remove(ledger);
        fullSlots.forget(ledger);
    }

    /** Whether the ledger is there and was loaded into the Redis process now answering. */
    Uni<Boolean> exists(LedgerKey ledger) {
        return VALID.run(redis, List.of(ledger.epoch()), List.of()).map(r -> r.toInteger() == 1);
    }

    private static Claim toClaim(Response r) {
        String epoch = r.get(1).toString();
        return switch (r.get(0).toString()) {
            case "OK" -> new Claim(Claim.Outcome.ADMITTED, epoch, Integer.parseInt(r.get(2).toString()));
            case "FULL" -> new Claim(Claim.Outcome.SLOT_FULL, epoch, 0);
            case "QUOTA" -> new Claim(Claim.Outcome.QUOTA_EXCEEDED, epoch, 0);
            case "VEHICLE" -> new Claim(Claim.Outcome.VEHICLE_ALREADY_BOOKED, epoch, 0);
            case "HELD" -> new Claim(Claim.Outcome.HELD, epoch, Integer.parseInt(r.get(2).toString()));
            case "HELD_ELSEWHERE" -> new Claim(Claim.Outcome.HELD_ELSEWHERE, epoch, 0);
            case "WITHDRAWN" -> new Claim(Claim.Outcome.WITHDRAWN, null, 0);
            default -> new Claim(Claim.Outcome.LEDGER_MISSING, null, 0);
        };
    }

    private static Map<String, Integer> toMap(Response flat) {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), flat.get(i + 1).toInteger());
        }
        return map;
    }
}
