package vn.bordergate.bench;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import vn.bordergate.capacitychange.CapacityChangeResult;
import vn.bordergate.capacitychange.CapacityRequest;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerState;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotView;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What deploy/bench/run.sh prepares before its load, done with the service's own code and API:
 *
 * <ul>
 *   <li>{@code capacity}: slot capacities through {@code PUT /api/v1/gates/{code}/capacity} with an admin
 *       token signed by the run's key (the service reloads the Redis ledgers itself);</li>
 *   <li>{@code claim-prepare} / {@code claim-finish}: the redis-benchmark baseline of the slot-claim script,
 *       on a ledger no gate uses. The command line is the one the service's {@link vn.bordergate.slot.SlotLedger}
 *       sends for a new booking, recorded from a real claim (which must be admitted), so keys and argument order
 *       follow the service; only the truck's plate is replaced by {@code __rand_int__}.</li>
 * </ul>
 *
 * Messages go to standard error; standard output carries only what the script reads (redis-benchmark's
 * arguments, one per line, or a figure).
 */
public final class BenchSetup {

    /** The benchmark ledger: a gate and day no real gate-day ledger has. */
    static final LedgerKey CLAIM_LEDGER = new LedgerKey("BENCH", LocalDate.of(2030, 1, 1));
    static final Slot CLAIM_SLOT = new Slot(OffsetDateTime.of(2030, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(7)),
            OffsetDateTime.of(2030, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(7)));
    static final String CLAIM_PLATE = "29C000000000";
    static final String RANDOM_PLATE = "29C__rand_int__";

    private BenchSetup() {
    }

    public static void main(String[] argv) {
        int status;
        try {
            BenchArgs args = BenchArgs.parse(argv);
            String command = args.words().isEmpty() ? "" : args.words().get(0);
            status = switch (command) {
                case "capacity" -> capacity(args);
                case "claim-prepare" -> claimPrepare(Integer.parseInt(args.required("requests")));
                case "claim-finish" -> claimFinish(Integer.parseInt(args.required("requests")));
                default -> throw new IllegalArgumentException("usage: BenchSetup capacity|claim-prepare|claim-finish --...");
            };
        } catch (RuntimeException e) {
            System.err.println("bench setup failed: " + e);
            e.printStackTrace(System.err);
            status = 2;
        }
        System.exit(status);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * {@code --raise=DAY,...} gives every slot of those days, at every gate and in both directions,
     * {@code --raise-to} places (default 10,000, the most the API accepts), so capacity does not limit the
     * load there. {@code --stampede=GATE:DIRECTION:DAY:PLACES} spreads PLACES over that gate-day's slots in
     * that direction (the first {@code PLACES % slots} get one more) and gives the other direction none.
     */
    private static int capacity(BenchArgs args) {
        BenchApi api = BenchApi.signedBy(args.required("base-url"), Path.of(args.required("private-key")),
                args.required("issuer"), args.required("audience"));
        SlotSchedule schedule = new SlotSchedule(Clock.systemUTC());
        Map<String, Gate> gates = api.gates().stream().collect(Collectors.toMap(g -> g.code, Function.identity()));
        int raiseTo = Integer.parseInt(args.optional("raise-to", "10000"));
        List<LocalDate> raise = args.list("raise").stream().map(LocalDate::parse).distinct().toList();
        int puts = 0;
        int slots = 0;
        for (LocalDate day : raise) {
            for (Gate gate : gates.values()) {
                int expected = schedule.slotsOn(gate, day).size();
                for (Direction direction : Direction.values()) {
                    CapacityChangeResult result = api.setCapacity(gate.code, wholeDay(gate, day, direction, raiseTo));
                    puts++;
                    slots += result.slotsChanged();
                    if (result.slotsChanged() != expected || !result.moved().isEmpty() || !result.unplaced().isEmpty()) {
                        throw new IllegalStateException("raising " + gate.code + " " + day + " " + direction + " changed "
                                + result.slotsChanged() + " slots (expected " + expected + ") and moved "
                                + result.moved().size() + " bookings");
                    }
                }
            }
        }
        if (!raise.isEmpty()) {
            System.err.printf("capacity: %d places in each of %d slots (%d gates, days %s, both directions), %d PUTs%n",
                    raiseTo, slots, gates.size(), raise, puts);
        }
        String stampede = args.optional("stampede", null);
        if (stampede != null) {
            stampede(api, schedule, gates, stampede);
        }
        return 0;
    }

    private static void stampede(BenchApi api, SlotSchedule schedule, Map<String, Gate> gates, String spec) {
        String[] parts = spec.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--stampede=GATE:DIRECTION:DAY:PLACES, got " + spec);
        }
        Gate gate = gates.get(parts[0]);
        if (gate == null) {
            throw new IllegalArgumentException("no gate " + parts[0] + " (gates: " + gates.keySet() + ")");
        }
        Direction direction = Direction.valueOf(parts[1]);
        LocalDate day = LocalDate.parse(parts[2]);
        int places = Integer.parseInt(parts[3]);
        List<Slot> slots = schedule.slotsOn(gate, day);
        int each = places / slots.size();
        int more = places % slots.size();
        OffsetDateTime dayEnd = day.plusDays(1).atStartOfDay(gate.zone()).toOffsetDateTime();
        if (more > 0) {
            api.setCapacity(gate.code, new CapacityRequest(direction, slots.get(0).start(), slots.get(more).start(), each + 1));
        }
        api.setCapacity(gate.code, new CapacityRequest(direction, slots.get(more).start(), dayEnd, each));
        for (Direction other : Direction.values()) {
            if (other != direction) {
                api.setCapacity(gate.code, wholeDay(gate, day, other, 0));
            }
        }
        // Read back as any client sees it: the places the stampede will find.
        for (Direction d : Direction.values()) {
            List<SlotView> seen = api.slots(gate.code, d, day);
            int total = seen.stream().mapToInt(SlotView::capacity).sum();
            int wanted = d == direction ? places : 0;
            if (total != wanted || seen.size() != slots.size()) {
                throw new IllegalStateException("stampede gate-day " + gate.code + " " + day + " " + d + ": the API shows "
                        + total + " places in " + seen.size() + " slots, expected " + wanted + " in " + slots.size());
            }
        }
        System.err.printf("capacity: stampede gate-day %s %s: %d places over %d %s slots (%d with %d, %d with %d), none %s%n",
                gate.code, day, places, slots.size(), direction, more, each + 1, slots.size() - more, each,
                direction == Direction.EXPORT ? Direction.IMPORT : Direction.EXPORT);
    }

    private static CapacityRequest wholeDay(Gate gate, LocalDate day, Direction direction, int capacity) {
        return new CapacityRequest(direction, day.atStartOfDay(gate.zone()).toOffsetDateTime(),
                day.plusDays(1).atStartOfDay(gate.zone()).toOffsetDateTime(), capacity);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Sets up the benchmark ledger (capacity: half the requests in one slot), makes one real claim through the
     * service's SlotLedger while recording the script call, checks that it was admitted and counted, resets the
     * ledger, and prints the recorded EVALSHA arguments for redis-benchmark.
     */
    private static int claimPrepare(int requests) {
        List<String[]> calls = Collections.synchronizedList(new ArrayList<>());
        try (BenchStores stores = BenchStores.fromEnvironment(redis -> recording(redis, calls))) {
            String field = LedgerKey.slotField(Direction.EXPORT, CLAIM_SLOT);
            resetClaimLedger(stores, field, requests / 2);
            Holding holding = new Holding(UUID.fromString("11111111-2222-3333-4444-555555555555"), Direction.EXPORT,
                    CLAIM_SLOT, "0100109106-001", CLAIM_PLATE);
            int before = calls.size();
            Claim claim = BenchStores.await(stores.ledger().claim(CLAIM_LEDGER, holding, 1_000_000_000,
                    Claim.Purpose.NEW_BOOKING, UUID.randomUUID()));
            List<String[]> claimCalls = new ArrayList<>(calls.subList(before, calls.size()));
            LedgerState state = BenchStores.await(stores.ledger().read(CLAIM_LEDGER));
            if (claim.outcome() != Claim.Outcome.ADMITTED || state == null || state.used(field) != 1) {
                throw new IllegalStateException("the service's claim on the benchmark ledger " + CLAIM_LEDGER
                        + " answered " + claim.outcome() + " and counted " + (state == null ? "no ledger" : state.used(field))
                        + ": the ledger set up here is not what the claim script expects");
            }
            // The claim's script call (EVALSHA, or EVAL after NOSCRIPT: the same arguments after the script).
            String[] call = claimCalls.stream().filter(c -> c[0].equals("EVALSHA") || c[0].equals("EVAL"))
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no claim script call was seen"));
            List<String> out = new ArrayList<>(List.of(call).subList(1, call.length));
            if (call[0].equals("EVAL")) {
                out.set(0, sha1(out.get(0)));   // Redis now knows the script: EVAL cached it
            }
            int plate = out.indexOf(CLAIM_PLATE);
            if (plate < 0 || out.lastIndexOf(CLAIM_PLATE) != plate) {
                throw new IllegalStateException("the plate " + CLAIM_PLATE + " is not exactly once in the claim's arguments " + out);
            }
            out.set(plate, RANDOM_PLATE);
            resetClaimLedger(stores, field, requests / 2);
            System.err.printf("claim baseline: ledger %s, %s with capacity %d; the service's claim was admitted; "
                    + "redis-benchmark gets EVALSHA with %s keys and %d arguments%n", CLAIM_LEDGER.lockName(), field, requests / 2,
                    out.get(1), out.size() - 2 - Integer.parseInt(out.get(1)));
            out.forEach(System.out::println);
        }
        return 0;
    }

    /** Prints places taken / calls, and removes the benchmark ledger; fails if no claim took a place. */
    private static int claimFinish(int requests) {
        try (BenchStores stores = BenchStores.fromEnvironment()) {
            String field = LedgerKey.slotField(Direction.EXPORT, CLAIM_SLOT);
            LedgerState state = BenchStores.await(stores.ledger().read(CLAIM_LEDGER));
            int used = state == null ? 0 : state.used(field);
            BenchStores.await(stores.redis().execute("DEL", CLAIM_LEDGER.all().toArray(String[]::new)));
            System.out.println(used + "/" + requests);
            if (used != requests / 2) {
                System.err.printf("claim baseline FAILED: the calls took %d places of %d (%s): redis-benchmark did not "
                        + "run the claim it was given%n", used, requests / 2, state == null ? "ledger gone" : field);
                return 3;
            }
            return 0;
        }
    }

    private static void resetClaimLedger(BenchStores stores, String field, int capacity) {
        ReactiveRedisDataSource redis = stores.redis();
        String runId = BenchStores.await(redis.execute("INFO", "server")).toString().lines()
                .filter(l -> l.startsWith("run_id:")).map(l -> l.substring("run_id:".length()).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("INFO server names no run_id"));
        BenchStores.await(redis.execute("DEL", CLAIM_LEDGER.all().toArray(String[]::new)));
        // ledger-epoch.lua trusts a ledger loaded into this Redis process: "<epoch>@<run_id>".
        BenchStores.await(redis.execute("SET", CLAIM_LEDGER.epochKey(), "bench-epoch@" + runId));
        BenchStores.await(redis.execute("HSET", CLAIM_LEDGER.capacityKey(), field, Integer.toString(capacity)));
    }

    /** The data source, recording each {@code execute(command, args...)} it is asked for. */
    private static ReactiveRedisDataSource recording(ReactiveRedisDataSource real, List<String[]> calls) {
        return (ReactiveRedisDataSource) Proxy.newProxyInstance(ReactiveRedisDataSource.class.getClassLoader(),
                new Class<?>[] {ReactiveRedisDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args != null && args.length == 2
                            && args[0] instanceof String command && args[1] instanceof String[] rest) {
                        String[] call = new String[rest.length + 1];
                        call[0] = command;
                        System.arraycopy(rest, 0, call, 1, rest.length);
                        calls.add(call);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
