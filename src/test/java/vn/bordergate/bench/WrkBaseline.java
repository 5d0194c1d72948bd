package vn.bordergate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * wrk, closed loop, 2 threads: {@code /q/health/live} is the ceiling of the HTTP stack, slot availability the same
 * loop on a real endpoint (over every gate, both directions and two days). Each gets an unmeasured warm-up.
 */
final class WrkBaseline {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s*([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("(?m)^\\s*99%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s*([0-9]+)");

    /** What one wrk run printed: requests per second, p99 in ms, answers other than 2xx/3xx (null: not printed). */
    record Result(String rps, String p99Ms, String non2xx) {
    }

    private final int connections;
    private final int warmupSeconds;
    private final int seconds;
    private final Path logs;

    WrkBaseline(int connections, int warmupSeconds, int seconds, Path logs) {
        this.connections = connections;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.logs = logs;
    }

    /** Writes the Lua script that walks the gates, directions and days; returns its path. */
    static Path slotsScript(Path dir, List<String> gates, List<LocalDate> days) {
        String lua = """
                local gates = {%s}
                local directions = {"EXPORT", "IMPORT"}
                local days = {%s}
                local i = 0
                request = function()
                  i = i + 1
                  local path = "/api/v1/gates/" .. gates[(i %% #gates) + 1] .. "/slots?direction=" .. directions[(math.floor(i / 6) %% 2) + 1]
                      .. "&date=" .. days[(math.floor(i / 12) %% #days) + 1]
                  return wrk.format("GET", path)
                end
                """.formatted(quoted(gates), quoted(days.stream().map(LocalDate::toString).toList()));
        Path script = dir.resolve("slots.lua");
        try {
            Files.writeString(script, lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /**
     * Health (instance 0's: /q is on the management port, which the balancer does not front), then slot reads
     * through {@code appUrl}; each phase's RSS and CPU, then the rates and latencies.
     */
    void measure(Figures figures, ServiceSamples samples, String mgmtUrl, String appUrl, Path slotsScript) {
        Measured health = run("health", mgmtUrl + "/q/health/live", null);
        samples.window(health.fromMillis(), health.toMillis()).put(figures, "wrk_health");
        Measured slots = run("slots", appUrl, slotsScript);
        samples.window(slots.fromMillis(), slots.toMillis()).put(figures, "wrk_slots");
        figures.put("wrk_health_rps", health.result().rps());
        figures.put("wrk_health_p99_ms", health.result().p99Ms());
        figures.put("wrk_slots_rps", slots.result().rps());
        figures.put("wrk_slots_p99_ms", slots.result().p99Ms());
        figures.put("wrk_slots_non2xx", slots.result().non2xx());
        figures.put("ratio_slots_vs_health", Figures.rounded(Figures.ratio(Figures.number(slots.result().rps()),
                Figures.number(health.result().rps())), 3));
    }

    /** A warm-up, then the measured run; {@code script} may be null. Returns the measured window's bounds too. */
    private Measured run(String name, String url, Path script) {
        Command.of(argv(warmupSeconds, false, url, script)).run(logs.resolve("wrk-" + name + "-warmup.log"));
        long from = System.currentTimeMillis();
        Path log = logs.resolve("wrk-" + name + ".log");
        Command.of(argv(seconds, true, url, script)).run(log);
        return new Measured(from, System.currentTimeMillis(), parse(Command.read(log)));
    }

    record Measured(long fromMillis, long toMillis, Result result) {
    }

    private List<String> argv(int duration, boolean latency, String url, Path script) {
        List<String> argv = new java.util.ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration + "s"));
        if (latency) {
            argv.add("--latency");
        }
        if (script != null) {
            argv.addAll(List.of("-s", script.toString()));
        }
        argv.add(url);
        return argv;
    }

    /** wrk prints e.g. "99%    3.21ms" / "850.00us" / "1.02s": the p99 in ms. */
    static Result parse(String out) {
        Matcher rps = RPS.matcher(out);
        Matcher p99 = P99.matcher(out);
        Matcher non2xx = NON_2XX.matcher(out);
        String ms = null;
        if (p99.find()) {
            double v = Double.parseDouble(p99.group(1));
            double inMs = switch (p99.group(2)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
            ms = inMs == Math.rint(inMs) ? Long.toString((long) inMs) : strip(String.format(Locale.ROOT, "%.6g", inMs));
        }
        return new Result(rps.find() ? rps.group(1) : null, ms, non2xx.find() ? non2xx.group(1) : "0");
    }

    private static String strip(String number) {
        return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
    }

    private static String quoted(List<String> items) {
        return items.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
    }
}
