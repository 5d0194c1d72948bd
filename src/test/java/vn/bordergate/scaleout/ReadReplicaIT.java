package vn.bordergate.scaleout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.bordergate.support.Eventually;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;
import vn.bordergate.support.StreamingReplica;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service with a streaming replica of its PostgreSQL ({@code bordergate.read-replica.url}): a
 * firm's listing and a gate's statistics read from the replica, everything else from the primary. With the
 * replica's replay paused, a new booking is answered and readable by id at once, and missing from the
 * listing and the statistics until replay resumes; with the replica gone, they read from the primary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {

    static final String GATE = "CHI_MA";
    static final String TAX_CODE = "1000000001";
    static PackagedService service;
    static StreamingReplica replica;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(0, Map.of());
        replica = StreamingReplica.of(service.infrastructure());
        int instance = service.startInstance(Map.of("BORDERGATE_READ_REPLICA_URL", replica.url()));
        service.awaitReady(instance);
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void listingsAndStatisticsReadFromTheReplica() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 10);
        String first = book(slot);
        replica.awaitCaughtUp(Duration.ofSeconds(10));
        assertTrue(listed().contains(first));
        // Statistics come from roll-ups kept every bordergate.statistics.rollup-every (10 s): wait for the first.
        assertTrue(Eventually.within(ROLLED_UP, () -> bookedInStatistics(slot.toLocalDate()) >= 1));
        int bookedBefore = bookedInStatistics(slot.toLocalDate());

        replica.pauseReplay();
        String second;
        List<String> listedWhilePaused;
        int bookedWhilePaused;
        try {
            second = book(slot);
            assertEquals(200, service.get(0, "/api/v1/declarations/" + second, firm()).statusCode(),
                    "a declaration by id reads from the primary: the firm sees its booking at once");
            Thread.sleep(1_000);
            listedWhilePaused = listed();
            bookedWhilePaused = bookedInStatistics(slot.toLocalDate());
        } finally {
            replica.resumeReplay();
        }
        long resumedAt = System.nanoTime();
        boolean caughtUp = Eventually.within(ROLLED_UP, () ->
                listed().contains(second) && bookedInStatistics(slot.toLocalDate()) == bookedBefore + 1);
        System.out.printf("FIGURE read-replica: listed_while_paused=%s booked_in_statistics_before=%d while_paused=%d "
                        + "caught_up=%s after_resume_ms=%d%n", listedWhilePaused.contains(second), bookedBefore,
                bookedWhilePaused, caughtUp, (System.nanoTime() - resumedAt) / 1_000_000);

        assertFalse(listedWhilePaused.contains(second), "the listing came from the paused replica");
        assertEquals(bookedBefore, bookedWhilePaused, "the statistics came from the paused replica");
        assertTrue(caughtUp, "once replay resumes, listing and statistics show the booking");
    }

    @Test
    @Order(2)
    void withTheReplicaDownTheyReadFromThePrimary() throws Exception {
        replica.stop();
        OffsetDateTime slot = Fixtures.slot(2, 11);
        String id = book(slot);
        assertTrue(listed().contains(id), "the listing fell back to the primary");
        assertTrue(Eventually.within(ROLLED_UP, () -> bookedInStatistics(slot.toLocalDate()) >= 1),
                "the statistics fell back to the primary");
    }

    private static String firm() {
        return PackagedService.firm(TAX_CODE);
    }

    private static String book(OffsetDateTime slot) throws Exception {
        HttpResponse<String> created = service.declare(0, firm(), Fixtures.declaration(GATE, "EXPORT", slot));
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("id");
    }

    private static List<String> listed() throws Exception {
        HttpResponse<String> page = service.get(0, "/api/v1/declarations?limit=200", firm());
        assertEquals(200, page.statusCode(), page.body());
        JsonArray items = new JsonObject(page.body()).getJsonArray("items");
        return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
    }

    /** A roll-up's period and run, and the replica's replay after it. */
    private static final Duration ROLLED_UP = Duration.ofSeconds(30);

    private static int bookedInStatistics(LocalDate day) throws Exception {
        HttpResponse<String> stats = service.get(0, "/api/v1/stats/gates/" + GATE + "?from=" + day + "&to=" + day,
                PackagedService.supervisor(GATE));
        assertEquals(200, stats.statusCode(), stats.body());
        return new JsonObject(stats.body()).getJsonArray("days").stream().map(JsonObject.class::cast)
                .filter(d -> "EXPORT".equals(d.getString("direction")))
                .mapToInt(d -> d.getJsonObject("byStatus").getInteger("BOOKED", 0)).sum();
    }
}
