package vn.bordergate.aot;

import org.junit.jupiter.api.Test;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up of the packaged service with and without its AOT cache, for docs/PERFORMANCE.md; not part of
 * {@code verify} (excluded in pom.xml). Run it after the training, which the same command does first:
 * {@code ./mvnw verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StartupTimesIT}.
 *
 * <p>One PostgreSQL and Redis for all starts, migrated by a first start that is not counted; then
 * {@code bordergate.startup.runs} (5) starts of each kind, alternating. For each start, from the moment the
 * process is launched: the log's "started" line, the first 200 of {@code /q/health/ready} on the management port
 * (polled every 10 ms), and the answer to one booking sent as soon as it is ready; RSS once that booking is
 * answered; then the latency of a second booking sent at once. Ports are fixed, below the ephemeral range
 * (32768+). {@code -Dbordergate.it.jvm-options="…"} runs training and starts with other JVM options.
 */
public class StartupTimesIT {

    static final int RUNS = Integer.getInteger("bordergate.startup.runs", 5);
    static final int FIRST_PORT = Integer.getInteger("bordergate.startup.port", 28380);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int nextPort = FIRST_PORT;

    record Start(String kind, double startedMs, double readyMs, double firstBookingMs, double bookingLatencyMs,
                 double secondBookingLatencyMs, double rssReadyMib, double rssAfterBookingMib, double rssFileMib) {
    }

    @Test
    void startUpWithAndWithoutTheCache() throws Exception {
        Path cache = PackagedService.aotCache();
        assertTrue(Files.isRegularFile(cache), "no " + cache + ": AotTrainingIT records it first");
        List<String> withCache = PackagedService.aotCacheOptions();
        List<Start> starts = new ArrayList<>();
        try (PackagedService service = PackagedService.start(0, Map.of())) {
            System.out.println("FIGURE startup-warm-up: " + start(service, "migrating", List.of(), 0));
            for (int run = 0; run < RUNS; run++) {
                // Alternating which goes first spreads the VM's drift over both kinds.
                boolean cachedFirst = run % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean cached = (k == 0) == cachedFirst;
                    Start start = start(service, cached ? "with-cache" : "without-cache",
                            cached ? withCache : List.of(), run + 1);
                    System.out.println("FIGURE startup-run: " + start);
                    starts.add(start);
                }
            }
        }
        System.out.println("FIGURE startup-machine: cores=" + Runtime.getRuntime().availableProcessors() + " loadavg="
                + Files.readString(Path.of("/proc/loadavg")).trim() + " jvm=" + System.getProperty("java.vm.version")
                + " options=" + PackagedService.JVM_OPTIONS + " cache=" + Files.size(cache) / (1024 * 1024) + "MiB");
        for (String kind : List.of("without-cache", "with-cache")) {
            List<Start> of = starts.stream().filter(s -> s.kind().equals(kind)).toList();
            System.out.printf("FIGURE startup-median %s (n=%d): started %.2f s, ready %.2f s, first booking answered "
                            + "%.2f s (its own latency %.0f ms, the next booking's %.0f ms), RSS %.0f MiB at ready, "
                            + "%.0f MiB after the booking (of which file-backed: %.0f MiB)%n", kind,
                    of.size(), median(of, Start::startedMs) / 1000, median(of, Start::readyMs) / 1000,
                    median(of, Start::firstBookingMs) / 1000, median(of, Start::bookingLatencyMs),
                    median(of, Start::secondBookingLatencyMs),
                    median(of, Start::rssReadyMib), median(of, Start::rssAfterBookingMib), median(of, Start::rssFileMib));
        }
    }

    private Start start(PackagedService service, String kind, List<String> jvmOptions, int hour) throws Exception {
        int port = nextPort++;
        int managementPort = nextPort++;
        String firm = PackagedService.firm("0880000000");
        var booking = Fixtures.declaration("HUU_NGHI", "IMPORT", Fixtures.slot(2, 7 + hour % 12));
        var second = Fixtures.declaration("TAN_THANH", "EXPORT", Fixtures.slot(2, 7 + hour % 12));
        long launched = System.nanoTime();
        int instance = service.startInstance(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort)), jvmOptions);
        Process process = service.process(instance);
        Path log = service.log(instance);
        double started = -1;
        double ready = -1;
        long deadline = launched + TimeUnit.SECONDS.toNanos(120);
        while (ready < 0) {
            assertTrue(process.isAlive(), kind + ": the instance exited, see " + log);
            assertTrue(System.nanoTime() < deadline, kind + ": not ready within 120 s, see " + log);
            if (started < 0 && Files.readString(log).contains(" started in ")) {
                started = millisSince(launched);
            }
            if (isReady(managementPort)) {
                ready = millisSince(launched);
                if (started < 0) {
                    started = ready;
                }
            } else {
                Thread.sleep(10);
            }
        }
        double rssReady = rssMib(process);
        long sent = System.nanoTime();
        HttpResponse<String> booked = service.declare(instance, firm, booking);
        double firstBooking = millisSince(launched);
        double latency = millisSince(sent);
        assertEquals(201, booked.statusCode(), kind + ": " + booked.body());
        double rssBooked = rssMib(process);
        double rssFile = rssMib(process, "RssFile:");
        // The next one, at once: what the first paid once (connections, keys, scripts) against what every booking pays.
        long sentSecond = System.nanoTime();
        HttpResponse<String> bookedSecond = service.declare(instance, firm, second);
        double secondLatency = millisSince(sentSecond);
        assertEquals(201, bookedSecond.statusCode(), kind + ": " + bookedSecond.body());
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), kind + ": did not stop after SIGTERM");
        return new Start(kind, started, ready, firstBooking, latency, secondLatency, rssReady, rssBooked, rssFile);
    }

    private boolean isReady(int managementPort) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static double rssMib(Process process) throws IOException {
        return rssMib(process, "VmRSS:");
    }

    /** A line of /proc/PID/status in MiB: VmRSS, or its file-backed part (RssFile: the mapped cache and jars). */
    private static double rssMib(Process process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    private static double median(List<Start> starts, ToDoubleFunction<Start> figure) {
        double[] values = starts.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
