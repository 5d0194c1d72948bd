package vn.bordergate.bench;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import vn.bordergate.gate.Direction;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerState;
import vn.bordergate.slot.Slot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis' own ceiling for the slot claim: redis-benchmark sending EVALSHA of {@code claim.lua} at 50 clients, with
 * the command line the service's {@link vn.bordergate.slot.SlotLedger} sends for a new booking, recorded from one
 * real claim (which must be admitted) on a ledger no gate uses, so keys and argument order are the service's; only
 * the truck's plate is replaced by {@code __rand_int__}. Capacity is half the calls: the first half take a place
 * (OK), the rest find the slot full (FULL).
 */
final class ClaimBaseline {

    /** The benchmark ledger: a gate and day no real gate-day ledger has. */
    static final LedgerKey LEDGER = new LedgerKey("BENCH", LocalDate.of(2030, 1, 1));
    static final Slot SLOT = new Slot(OffsetDateTime.of(2030, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(7)),
            OffsetDateTime.of(2030, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(7)));
    static final String PLATE = "29C000000000";
    static final String RANDOM_PLATE = "29C__rand_int__";
    private static final Pattern REDIS_URL = Pattern.compile("^redis://(([^:@]*):([^@]*)@)?([^:/]+)(:([0-9]+))?.*");

    /** Calls per second, and places taken / calls ({@code used/requests}); {@code claimed} false when no claim worked. */
    record Result(String rps, String okThenFull, boolean claimed) {
    }

    static Result run(String redisUrl, int requests, Path logs) {
        List<String> args = prepare(requests);
        Matcher url = REDIS_URL.matcher(redisUrl);
        if (!url.matches()) {
            throw new BenchFailure("REDIS_URL must look like redis://[user:password@]host:port, got " + redisUrl);
        }
        List<String> argv = new ArrayList<>(List.of("redis-benchmark", "-h", url.group(4), "-p",
                url.group(6) == null ? "6379" : url.group(6)));
        if (url.group(3) != null && !url.group(3).isEmpty()) {
            argv.addAll(List.of("-a", url.group(3)));
        }
        argv.addAll(List.of("-c", "50", "-n", Integer.toString(requests), "-r", "100000000", "--csv", "EVALSHA"));
        argv.addAll(args);
        String out = Command.of(argv).runOrFail(logs.resolve("redis-benchmark.log"), "redis-benchmark");
        // --csv: "test","rps",... ; the EVALSHA row is the last naming it.
        String rps = out.lines().filter(l -> l.contains("EVALSHA")).reduce((a, b) -> b)
                .map(l -> l.split("\",\"")[1].replace("\"", "")).orElse(null);
        int used = finish(requests);
        return new Result(rps, used + "/" + requests, used == requests / 2);
    }

    /**
     * Sets up the benchmark ledger, makes one real claim through the service's SlotLedger while recording the
     * script call, checks that it was admitted and counted, resets the ledger, and returns the EVALSHA arguments.
     */
    private static List<String> prepare(int requests) {
        List<String[]> calls = Collections.synchronizedList(new ArrayList<>());
        try (BenchStores stores = BenchStores.fromEnvironment(redis -> recording(redis, calls))) {
            String field = LedgerKey.slotField(Direction.EXPORT, SLOT);
            reset(stores, field, requests / 2);
            Holding holding = new Holding(UUID.fromString("11111111-2222-3333-4444-555555555555"), Direction.EXPORT,
                    SLOT, "0100109106-001", PLATE);
            int before = calls.size();
            Claim claim = BenchStores.await(stores.ledger().claim(LEDGER, holding, 1_000_000_000,
                    Claim.Purpose.NEW_BOOKING, UUID.randomUUID()));
            List<String[]> claimCalls = new ArrayList<>(calls.subList(before, calls.size()));
            LedgerState state = BenchStores.await(stores.ledger().read(LEDGER));
            if (claim.outcome() != Claim.Outcome.ADMITTED || state == null || state.used(field) != 1) {
                throw new BenchFailure("the service's claim on the benchmark ledger " + LEDGER + " answered "
                        + claim.outcome() + " and counted " + (state == null ? "no ledger" : state.used(field))
                        + ": the ledger set up here is not what the claim script expects");
            }
            // The claim's script call (EVALSHA, or EVAL after NOSCRIPT: the same arguments after the script).
            String[] call = claimCalls.stream().filter(c -> c[0].equals("EVALSHA") || c[0].equals("EVAL"))
                    .reduce((a, b) -> b).orElseThrow(() -> new BenchFailure("no claim script call was seen"));
            List<String> out = new ArrayList<>(List.of(call).subList(1, call.length));
            if (call[0].equals("EVAL")) {
                out.set(0, sha1(out.get(0)));   // Redis now knows the script: EVAL cached it
            }
            int plate = out.indexOf(PLATE);
            if (plate < 0 || out.lastIndexOf(PLATE) != plate) {
                throw new BenchFailure("the plate " + PLATE + " is not exactly once in the claim's arguments " + out);
            }
            out.set(plate, RANDOM_PLATE);
            reset(stores, field, requests / 2);
            Progress.say(String.format("   claim baseline: ledger %s, %s with capacity %d; the service's claim was admitted; "
                            + "redis-benchmark gets EVALSHA with %s keys and %d arguments", LEDGER.lockName(), field, requests / 2,
                    out.get(1), out.size() - 2 - Integer.parseInt(out.get(1))));
            return out;
        }
    }

    /** Places the calls took, and the benchmark ledger removed. */
    private static int finish(int requests) {
        try (BenchStores stores = BenchStores.fromEnvironment()) {
            String field = LedgerKey.slotField(Direction.EXPORT, SLOT);
            LedgerState state = BenchStores.await(stores.ledger().read(LEDGER));
            int used = state == null ? 0 : state.used(field);
            BenchStores.await(stores.redis().execute("DEL", LEDGER.all().toArray(String[]::new)));
            if (used != requests / 2) {
                Progress.say(String.format("   claim baseline FAILED: the calls took %d places of %d (%s): redis-benchmark did not "
                        + "run the claim it was given", used, requests / 2, state == null ? "ledger gone" : field));
            }
            return used;
        }
    }

    private static void reset(BenchStores stores, String field, int capacity) {
        ReactiveRedisDataSource redis = stores.redis();
        String runId = BenchStores.await(redis.execute("INFO", "server")).toString().lines()
                .filter(l -> l.startsWith("run_id:")).map(l -> l.substring("run_id:".length()).strip())
                .findFirst().orElseThrow(() -> new BenchFailure("INFO server names no run_id"));
        BenchStores.await(redis.execute("DEL", LEDGER.all().toArray(String[]::new)));
        // ledger-epoch.lua trusts a ledger loaded into this Redis process: "<epoch>@<run_id>".
        BenchStores.await(redis.execute("SET", LEDGER.epochKey(), "bench-epoch@" + runId));
        BenchStores.await(redis.execute("HSET", LEDGER.capacityKey(), field, Integer.toString(capacity)));
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
