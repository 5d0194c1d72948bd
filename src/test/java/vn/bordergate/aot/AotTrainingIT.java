package vn.bordergate.aot;

import org.junit.jupiter.api.Test;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records the packaged service's Leyden AOT cache ({@code target/quarkus-app/app.aot}) from a training run: the
 * jar started with {@code -XX:AOTCacheOutput} on the JDK these tests run on, the booking workload of
 * {@link AotWorkload} sent through its API, then SIGTERM, at which the JVM writes the cache. Runs in its own
 * failsafe execution before every other IT (pom.xml), so they, and whoever runs the build's output, start the
 * service with it.
 *
 * <p>The cache holds the classes loaded and linked, and the method profiles, of this run; it is valid only for
 * this exact JDK and this build's class path.
 */
public class AotTrainingIT {

    /** Trucks to book: a few thousand take the booking path through its first compilations. */
    static final int BOOKINGS = Integer.getInteger("bordergate.aot.training.bookings", 3000);

    @Test
    void recordsTheCacheFromABookingWorkload() throws Exception {
        Path cache = PackagedService.aotCache();
        Path recording = cache.resolveSibling("app.aot.recording");
        // A cache from an earlier build does not match this one's class path.
        Files.deleteIfExists(cache);
        Files.deleteIfExists(recording);
        long started = System.nanoTime();
        try (PackagedService service = PackagedService.start(0, Map.of())) {
            int trainee = service.startInstance(Map.of(), List.of("-XX:AOTCacheOutput=" + recording));
            service.awaitReady(trainee);
            long working = System.nanoTime();
            AotWorkload.Counts counts = new AotWorkload(URI.create("http://localhost:" + service.port(trainee)),
                    PackagedService::firm).run(BOOKINGS);
            System.out.println("FIGURE aot-training-workload: " + counts + " in "
                    + Duration.ofNanos(System.nanoTime() - working).toSeconds() + " s");
            assertTrue(counts.booked().get() >= BOOKINGS / 2, "too few bookings went through: " + counts);
            assertEquals(0, counts.unexpected().get(), "answers the workload did not expect (see "
                    + service.log(trainee) + "): " + counts);

            // SIGTERM, as an orchestrator stops it: the JVM writes the cache on its way out.
            long stopping = System.nanoTime();
            Process process = service.process(trainee);
            process.destroy();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the training instance did not exit after SIGTERM");
            assertTrue(Files.isRegularFile(recording) && Files.size(recording) > 0,
                    "no AOT cache was written, see " + service.log(trainee));
            Files.move(recording, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("FIGURE aot-training-cache: " + Files.size(cache) / (1024 * 1024) + " MiB written in "
                    + Duration.ofNanos(System.nanoTime() - stopping).toSeconds() + " s after SIGTERM, by "
                    + System.getProperty("java.vm.version") + " (" + System.getProperty("java.home") + ")");

            // Usable: an instance started with it (-XX:AOTMode=on: it would refuse to start otherwise) books.
            int check = service.startInstance(Map.of());
            service.awaitReady(check);
            HttpResponse<String> booked = service.declare(check, PackagedService.firm("0990000000"),
                    // Series D: the workload's own plates are all series C, and may include any Fixtures.newPlate() gives.
                    Fixtures.declaration("HUU_NGHI", "IMPORT", Fixtures.slot(2, 15), "51D-" + Fixtures.newPlate().substring(4)));
            assertEquals(201, booked.statusCode(), booked.body());
        }
        System.out.println("FIGURE aot-training-total: " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s (PostgreSQL and Redis, training instance, workload, cache written, checked)");
    }
}
