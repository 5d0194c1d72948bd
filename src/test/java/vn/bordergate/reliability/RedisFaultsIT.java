package vn.bordergate.reliability;

import io.restassured.RestAssured;
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
import vn.bordergate.support.SseClient;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis faults an operator meets: a restart from an older snapshot (RDB/AOF after a crash, or a failover to
 * a replica that missed writes), and a restart that cuts every instance's subscription to live events.
 * Two packaged instances share one PostgreSQL and one Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultsIT {

    static final String GATE = "TAN_THANH";
    static final String FIRM = "0100109106";
    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(2, Map.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void aRestartFromAnOlderSnapshotNeverOverbooks() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 14);
        String firm = PackagedService.firm(FIRM);
        HttpResponse<String> capacity = service.put(0, "/api/v1/gates/" + GATE + "/capacity", PackagedService.supervisor(GATE),
                new JsonObject().put("direction", "EXPORT").put("from", Fixtures.iso(slot))
                        .put("to", Fixtures.iso(slot.plusHours(1))).put("capacityPerSlot", 25).encode());
        assertEquals(200, capacity.statusCode(), capacity.body());

        int created = 0;
        int requests = 0;
        for (int i = 0; i < 20; i++, requests++) {
            created += service.declare(i % 2, firm, Fixtures.declaration(GATE, "EXPORT", slot)).statusCode() == 201 ? 1 : 0;
        }
        service.redis().snapshot();
        Path snapshot = Files.createTempFile("ledger-before", ".rdb");
        Files.copy(service.infrastructure().redisDataDirectory().resolve("dump.rdb"), snapshot,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (int i = 0; i < 5; i++, requests++) {
            created += service.declare(i % 2, firm, Fixtures.declaration(GATE, "EXPORT", slot)).statusCode() == 201 ? 1 : 0;
        }
        assertEquals(25, created, "the slot fills up before the fault");

        long restartedAt = System.nanoTime();
        service.infrastructure().stopRedis();
        service.infrastructure().restoreRedisSnapshot(snapshot);
        service.infrastructure().startRedis();
        assertEquals("20", String.valueOf(service.redis().command("HGET",
                "bg:{" + GATE + ":" + slot.toLocalDate() + "}:used", "EXPORT:1400")), "Redis is back at the older state");

        Map<Integer, Integer> after = new HashMap<>();
        for (int i = 0; i < 5; i++, requests++) {
            int status = service.declare(i % 2, firm, Fixtures.declaration(GATE, "EXPORT", slot)).statusCode();
            after.merge(status, 1, Integer::sum);
            created += status == 201 ? 1 : 0;
        }
        long rows = service.activeRows(GATE, "EXPORT", slot);
        long redisUsed = service.redis().used(GATE, slot.toLocalDate(), "EXPORT:1400");
        System.out.printf("FIGURE redis-snapshot-restart: requests=%d created=%d rows=%d capacity=25 over_capacity=%d "
                        + "answers_after_restart=%s redis_used=%d recovered_in_ms=%d%n", requests, created, rows,
                Math.max(0, rows - 25), after, redisUsed, (System.nanoTime() - restartedAt) / 1_000_000);
        assertEquals(25, rows, "a slot of 25 holds 25 bookings whatever Redis restarted from");
        assertEquals(Map.of(409, 5), after, "every booking after the restart is refused: the slot is full");
        assertEquals(25, redisUsed, "the ledger was rebuilt from PostgreSQL before it was trusted again");
    }

    @Test
    @Order(2)
    void liveEventsResumeAfterARedisRestartAndCatchUpOnWhatWasMissed() throws Exception {
        String firm = PackagedService.firm(FIRM);
        HttpResponse<String> first = service.declare(0, firm, Fixtures.declaration(GATE, "IMPORT", Fixtures.slot(1, 15)));
        HttpResponse<String> second = service.declare(0, firm, Fixtures.declaration(GATE, "IMPORT", Fixtures.slot(1, 15)));
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        String cancelledLive = new JsonObject(first.body()).getString("id");
        String cancelledWhileCut = new JsonObject(second.body()).getString("id");
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> service.redis().subscribers("bg:events") == 2),
                "both instances listen before the fault");

        RestAssured.baseURI = "http://localhost";
        RestAssured.port = service.port(1);
        try (SseClient liveFollower = SseClient.open("/api/v1/declarations/" + cancelledLive + "/stream",
                Map.of("Authorization", "Bearer " + firm));
             SseClient cutFollower = SseClient.open("/api/v1/declarations/" + cancelledWhileCut + "/stream",
                     Map.of("Authorization", "Bearer " + firm))) {
            assertEquals("BOOKED", new JsonObject(liveFollower.next(Duration.ofSeconds(10)).data()).getString("status"));
            assertEquals("BOOKED", new JsonObject(cutFollower.next(Duration.ofSeconds(10)).data()).getString("status"));

            service.infrastructure().stopRedis();
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> "DOWN".equals(liveEventsHealth(1))),
                    "health says the live events subscription is lost");
            assertEquals(200, service.operations(1, "/q/health/ready").statusCode(),
                    "the instance stays in the load balancer: Redis is shared, its loss must not take every instance out");
            HttpResponse<String> cut = service.post(0, "/api/v1/declarations/" + cancelledWhileCut + "/cancel", firm, null);
            assertEquals(200, cut.statusCode(), cut.body());

            long restartedAt = System.nanoTime();
            service.infrastructure().startRedis();
            boolean resubscribed = Eventually.within(Duration.ofSeconds(20), () -> service.redis().subscribers("bg:events") == 2);
            long resubscribedMs = (System.nanoTime() - restartedAt) / 1_000_000;
            SseClient.Event caughtUp = cutFollower.next(Duration.ofSeconds(20));

            HttpResponse<String> cancelled = service.post(0, "/api/v1/declarations/" + cancelledLive + "/cancel", firm, null);
            assertEquals(200, cancelled.statusCode(), cancelled.body());
            SseClient.Event live = liveFollower.next(Duration.ofSeconds(20));
            System.out.printf("FIGURE redis-restart-live-events: resubscribed=%s in_ms=%d caught_up=%s live_after=%s%n",
                    resubscribed, resubscribedMs, caughtUp != null, live != null);

            assertTrue(resubscribed, "every instance listens again without a restart of the service");
            assertNotNull(caughtUp, "a follower gets the event published while its instance was cut off");
            assertEquals("CANCELLED", new JsonObject(caughtUp.data()).getString("status"));
            assertNotNull(live, "a follower gets events published after Redis came back");
            assertEquals("CANCELLED", new JsonObject(live.data()).getString("status"));
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> "UP".equals(liveEventsHealth(1))), "health is UP again");
        }
    }

    /** The status of the live events check in the instance's wellness report, or "absent". */
    private static String liveEventsHealth(int instance) throws Exception {
        var checks = new JsonObject(service.operations(instance, "/q/health/well").body()).getJsonArray("checks");
        for (int i = 0; i < checks.size(); i++) {
            if ("live-events".equals(checks.getJsonObject(i).getString("name"))) {
                return checks.getJsonObject(i).getString("status");
            }
        }
        return "absent";
    }
}
