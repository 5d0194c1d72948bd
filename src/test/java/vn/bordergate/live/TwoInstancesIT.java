package vn.bordergate.live;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;
import vn.bordergate.support.SseClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged service (prod profile) share one PostgreSQL and one Redis: a change made
 * through one instance reaches a client following the declaration on the other.
 */
public class TwoInstancesIT {

    static PackagedService service;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        service = PackagedService.start(2, Map.of());
    }

    @AfterAll
    static void stopAll() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aChangeOnOneInstanceReachesAFollowerOnTheOther() throws Exception {
        aCancellationOnInstanceOneReachesAFollowerOnInstanceTwo(service, "0100109106");
    }

    /**
     * A province admin onboards a gate through one instance; with no restart, the other takes its bookings at
     * once and the truck goes through its whole lifecycle, each step on the instance it happens to reach.
     */
    @Test
    void aGateOnboardedThroughOneInstanceServesTheWholeLifecycleOnBoth() throws Exception {
        String code = "BX_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        String admin = PackagedService.token("admin-lao-cai", Map.of("groups", Set.of("province-admin"),
                "provinces", List.of("LAO_CAI")));
        Map<String, Object> gate = Map.ofEntries(Map.entry("code", code), Map.entry("name", "Bát Xát"),
                Map.entry("provinceCode", "LAO_CAI"), Map.entry("referencePrefix", "BX"), Map.entry("international", false),
                Map.entry("timeZone", "Asia/Ho_Chi_Minh"), Map.entry("slotMinutes", 15), Map.entry("bookingHorizonDays", 3),
                Map.entry("exportCapacity", 5), Map.entry("importCapacity", 5),
                Map.entry("openingHours", List.of(Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                        "FRIDAY", "SATURDAY", "SUNDAY"), "opensAt", "00:00", "closesAt", "23:45"))));
        HttpResponse<String> created = service.post(0, "/api/v1/gates", admin, new JsonObject(gate).encode());
        assertEquals(201, created.statusCode(), created.body());

        // The next quarter-hour slot: its check-in window (from 30 min before it) is already open.
        ZonedDateTime now = ZonedDateTime.now(Fixtures.VIETNAM);
        ZonedDateTime slot = now.truncatedTo(ChronoUnit.HOURS).plusMinutes((now.getMinute() / 15 + 1) * 15L);
        if (slot.toLocalTime().isAfter(LocalTime.of(23, 30)) || slot.toLocalDate().isAfter(now.toLocalDate())) {
            slot = now.toLocalDate().plusDays(1).atStartOfDay(Fixtures.VIETNAM);
        }
        String plate = Fixtures.newPlate();
        String firm = PackagedService.firm("0100109106");
        HttpResponse<String> booked = service.declare(1, firm,
                Fixtures.declaration(code, "EXPORT", slot.toOffsetDateTime(), plate));
        assertEquals(201, booked.statusCode(), "instance 2 knows the gate onboarded on instance 1: " + booked.body());
        String id = new JsonObject(booked.body()).getString("id");
        assertTrue(new JsonObject(booked.body()).getString("reference").startsWith("BX-"), booked.body());

        String officer = officer("yard-officer", code);
        HttpResponse<String> checkedIn = service.post(1, "/api/v1/gates/" + code + "/check-ins", officer,
                new JsonObject(Map.of("plate", plate, "direction", "EXPORT")).encode());
        assertTrue(checkedIn.statusCode() < 300, checkedIn.body());
        HttpResponse<String> called = service.post(0, "/api/v1/gates/" + code + "/calls", officer("gate-supervisor", code),
                new JsonObject(Map.of("direction", "EXPORT", "count", 1)).encode());
        assertTrue(called.statusCode() < 300 && called.body().contains(id), called.body());
        int instance = 0;
        for (String agency : List.of("customs", "border-guard", "quarantine")) {
            instance = 1 - instance;
            HttpResponse<String> decided = service.post(instance, "/api/v1/declarations/" + id + "/inspections",
                    officer(agency, code), new JsonObject(Map.of("decision", "CLEARED")).encode());
            assertTrue(decided.statusCode() < 300, agency + ": " + decided.body());
        }
        HttpResponse<String> exited = service.post(0, "/api/v1/declarations/" + id + "/exit",
                officer("gate-supervisor", code), null);
        assertEquals(200, exited.statusCode(), exited.body());
        HttpResponse<String> read = service.get(1, "/api/v1/declarations/" + id, firm);
        assertEquals("EXITED", new JsonObject(read.body()).getString("status"), read.body());
        System.out.println("FIGURE onboarded-gate: gate=" + code + " created_on=instance-1 booked_on=instance-2 "
                + "lifecycle=BOOKED>CHECKED_IN>CALLED>RELEASED>EXITED across both instances");
    }

    private static String officer(String role, String gate) {
        return PackagedService.token(role + "-" + gate, Map.of("groups", Set.of(role), "gates", List.of(gate)));
    }

    /**
     * Books through the first instance, follows the declaration on the second, cancels through the first: the
     * follower hears it. Also used on a Redis Cluster, before and after a failover (RedisClusterIT).
     */
    public static void aCancellationOnInstanceOneReachesAFollowerOnInstanceTwo(PackagedService service, String taxCode)
            throws Exception {
        String firm = PackagedService.firm(taxCode);
        HttpResponse<String> created = service.declare(0, firm, Fixtures.declaration("TAN_THANH", "IMPORT", Fixtures.slot(2, 16)));
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("id");

        RestAssured.baseURI = "http://localhost";
        RestAssured.port = service.port(1);
        try (SseClient follower = SseClient.open("/api/v1/declarations/" + id + "/stream",
                Map.of("Authorization", "Bearer " + firm))) {
            assertEquals(200, follower.status());
            assertEquals("BOOKED", new JsonObject(follower.next(Duration.ofSeconds(10)).data()).getString("status"));

            HttpResponse<String> cancelled = service.post(0, "/api/v1/declarations/" + id + "/cancel", firm, null);
            assertEquals(200, cancelled.statusCode(), cancelled.body());

            SseClient.Event live = follower.next(Duration.ofSeconds(15));
            assertNotNull(live, "the cancellation made on instance 1 reaches the follower on instance 2");
            assertEquals("CANCELLED", new JsonObject(live.data()).getString("status"));
        }
    }
}
