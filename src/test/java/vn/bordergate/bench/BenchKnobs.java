package vn.bordergate.bench;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The load's knobs (environment variables, listed in deploy/bench/README.md), with the smaller defaults of
 * {@code SHORT=1}. The knobs of the processes themselves (ports, instances, JVM options) are the script's.
 */
record BenchKnobs(boolean shortRun, int clients, int pgbenchSeconds, int redisBenchRequests, int wrkSeconds,
                  int wrkConnections, int warmupSeconds, int bookingWarmupSeconds, int maxSeconds, String rate,
                  int steadySeconds, String stampedeGate, String stampedeDirection, int stampedePlaces,
                  int stampedeFirms, int stampedePerFirm, int stampedeWithin, String stampedeDay, String mixedRate,
                  int mixedSeconds, String loadDays, String hours, boolean raiseCapacity, int onlineDays,
                  List<String> scenarios, String gatlingJavaOpts, String tokens, String profile, String profilePhase) {

    /** Slot times, and so "today" and the days ahead, are in the gates' zone (as the simulations' LoadConfig). */
    static final java.time.ZoneId GATES_ZONE = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    static BenchKnobs from(Map<String, String> env) {
        boolean shortRun = "1".equals(env.get("SHORT"));
        Function<String, String> get = name -> {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.strip();
        };
        LocalDate today = LocalDate.now(GATES_ZONE);
        return new BenchKnobs(shortRun,
                integer(get, "CLIENTS", 16),
                integer(get, "PGBENCH_SECONDS", shortRun ? 5 : 20),
                integer(get, "REDIS_BENCH_REQUESTS", shortRun ? 50_000 : 200_000),
                integer(get, "WRK_SECONDS", shortRun ? 5 : 20),
                integer(get, "WRK_CONNECTIONS", 64),
                integer(get, "WARMUP_SECONDS", shortRun ? 3 : 10),
                // A cold JVM spends ~40 % of its CPU in the C2 compiler during its first 20 s of bookings.
                integer(get, "BOOKING_WARMUP_SECONDS", shortRun ? 10 : 30),
                integer(get, "MAX_SECONDS", shortRun ? 8 : 20),
                text(get, "RATE", "auto"),
                integer(get, "STEADY_SECONDS", shortRun ? 15 : 60),
                text(get, "STAMPEDE_GATE", "KIM_THANH"),
                text(get, "STAMPEDE_DIRECTION", "EXPORT"),
                integer(get, "STAMPEDE_PLACES", shortRun ? 250 : 1000),
                integer(get, "STAMPEDE_FIRMS", shortRun ? 50 : 200),
                integer(get, "STAMPEDE_PER_FIRM", 100),
                integer(get, "STAMPEDE_WITHIN", shortRun ? 5 : 10),
                text(get, "STAMPEDE_DAY", today.plusDays(3).toString()),
                text(get, "MIXED_RATE", "auto"),
                integer(get, "MIXED_SECONDS", shortRun ? 15 : 60),
                text(get, "LOAD_DAYS", today.plusDays(1) + "," + today.plusDays(2)),
                text(get, "HOURS", "7-16"),
                !"0".equals(get.apply("RAISE_CAPACITY")),
                integer(get, "ONLINE_DAYS", 0),
                Arrays.stream(text(get, "SCENARIOS", "max,steady,stampede,mixed").split(",")).map(String::strip).toList(),
                // The load generator's JVM, as gatling-maven-plugin starts it.
                text(get, "GATLING_JAVA_OPTS", "-Xmx1G -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 "
                        + "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"),
                get.apply("TOKENS"),
                get.apply("PROFILE"),
                text(get, "PROFILE_PHASE", "max"));
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    LocalDate today() {
        return LocalDate.now(GATES_ZONE);
    }

    /** {@code LOAD_DAYS} as ISO dates or days ahead of today, as the simulations' LoadConfig reads them. */
    List<LocalDate> loadDayList() {
        return Arrays.stream(loadDays.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(d -> d.matches("-?\\d{1,3}") ? today().plusDays(Integer.parseInt(d)) : LocalDate.parse(d)).toList();
    }

    /** The slot start hours the spread-out scenarios book ({@code 7-16} or {@code 8,9,10}), as LoadConfig reads them. */
    List<Integer> hourList() {
        return Arrays.stream(hours.split(",")).map(String::strip).flatMap(part -> {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            return java.util.stream.IntStream.rangeClosed(from, to).boxed();
        }).toList();
    }

    private static int integer(Function<String, String> get, String name, int fallback) {
        String v = get.apply(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + v);
        }
    }

    private static String text(Function<String, String> get, String name, String fallback) {
        String v = get.apply(name);
        return v == null ? fallback : v;
    }
}
