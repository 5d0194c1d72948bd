package vn.bordergate.scaleout;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.bordergate.notify.Receiver;
import vn.bordergate.support.Eventually;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.LoadBalancer;
import vn.bordergate.support.PackagedService;
import vn.bordergate.support.SseClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three packaged instances behind Debian's HAProxy, sharing one PostgreSQL and one Redis, as production
 * runs: a stampede through the balancer is exact, live events and boards agree on every instance, webhooks
 * go out once per event, and the scheduled work (ledger checks, no-show sweeps) is done once, not once per
 * instance. The tests run in order: each leaves the system as the next expects it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeInstancesIT {

    static final String GATE = "HUU_NGHI";
    static final int CAPACITY = 100;
    static final String REBUILDS = "bordergate_ledger_rebuilds_total";
    // Every scheduled job runs often here, on every instance, so that doing work twice would show.
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("BORDERGATE_ADMISSION_RECONCILE_EVERY", "2s"),
            Map.entry("BORDERGATE_YARD_SWEEP_EVERY", "1s"),
            Map.entry("BORDERGATE_YARD_NO_SHOW_GRACE", "PT1M"),
            Map.entry("BORDERGATE_WEBHOOKS_DISPATCH_EVERY", "1s"),
            Map.entry("BORDERGATE_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1"),
            Map.entry("BORDERGATE_WEBHOOKS_REQUIRE_HTTPS", "false"),
            Map.entry("BORDERGATE_WEBHOOKS_ANY_PORT", "true"),
            // Behind the balancer every client comes from 127.0.0.1: the per-address budget would decide.
            Map.entry("BORDERGATE_RATE_LIMIT_ANONYMOUS_BURST", "1000000"),
            Map.entry("BORDERGATE_RATE_LIMIT_ANONYMOUS_PER_SECOND", "1000000"));

    static PackagedService service;
    static LoadBalancer balancer;
    static Receiver receiver;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        service = PackagedService.start(2, ENVIRONMENT);
        receiver = Receiver.start();
    }

    @AfterAll
    static void stopAll() {
        if (balancer != null) {
            balancer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void anInstanceAddedToARunningServiceRebuildsNoLedger() throws Exception {
        Map<String, String> settled = settledEpochs();
        double rebuiltBefore = rebuilds(2);

        int newcomer = service.startInstance();
        service.awaitReady(newcomer);
        Thread.sleep(5_000); // two and a half ledger checks of the newcomer
        Map<String, String> after = epochs();
        double newcomerRebuilt = service.metric(newcomer, REBUILDS);
        System.out.printf("FIGURE scale-out-newcomer: gate_days=%d epochs_changed=%d rebuilt_by_first_two=%.0f "
                        + "rebuilt_by_newcomer=%.0f%n", settled.size(), changed(settled, after), rebuiltBefore, newcomerRebuilt);

        assertFalse(settled.isEmpty(), "the first two instances built the ledgers");
        assertEquals(settled.keySet(), after.keySet());
        assertEquals(0, changed(settled, after),
                "epochs changed: each rebuild sends every booking in flight for its gate-day back to claim");
        assertEquals(0, newcomerRebuilt);

        balancer = LoadBalancer.haproxy(service.ports(), service.managementPorts());
        service.behind(balancer);
    }

    @Test
    @Order(2)
    void aStampedeThroughTheBalancerIsExactAndEachWebhookGoesOutOnce() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 14);
        HttpResponse<String> capacity = service.put(PackagedService.BALANCER, "/api/v1/gates/" + GATE + "/capacity",
                PackagedService.supervisor(GATE), new JsonObject().put("direction", "EXPORT").put("from", Fixtures.iso(slot))
                        .put("to", Fixtures.iso(slot.plusHours(1))).put("capacityPerSlot", CAPACITY).encode());
        assertEquals(200, capacity.statusCode(), capacity.body());
        int firms = 120;
        int withWebhook = 12;
        List<String> webhooks = new ArrayList<>();
        for (int f = 0; f < withWebhook; f++) {
            HttpResponse<String> registered = service.post(PackagedService.BALANCER, "/api/v1/webhooks",
                    PackagedService.firm(Stampede.taxCode("03", f)),
                    new JsonObject().put("url", receiver.url()).put("eventTypes", List.of("DECLARED")).encode());
            assertEquals(201, registered.statusCode(), registered.body());
            webhooks.add(new JsonObject(registered.body()).getString("id"));
        }

        Stampede stampede = Stampede.run(service, () -> PackagedService.BALANCER, GATE, "EXPORT", slot,
                firms, 10, "03", 48, null);
        long rows = service.activeRows(GATE, "EXPORT", slot);
        boolean redisAgrees = Eventually.within(Duration.ofSeconds(10), () ->
                service.redis().used(GATE, slot.toLocalDate(), "EXPORT:1400") == rows);
        String webhookIds = "{" + String.join(",", webhooks) + "}";
        boolean delivered = Eventually.within(Duration.ofSeconds(60), () -> service.queryLong(
                "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = ANY(?::uuid[]) AND status <> 'DELIVERED'",
                webhookIds) == 0);
        long expected = service.queryLong("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = ANY(?::uuid[])",
                webhookIds);
        long booked = service.queryLong("SELECT count(*) FROM declarations WHERE slot_start = ? AND gate_code = ? "
                + "AND tax_code < ?", slot, GATE, Stampede.taxCode("03", withWebhook));
        List<Receiver.Request> received = receiver.requests();
        long distinctEvents = received.stream().map(Receiver.Request::eventId).distinct().count();
        long duplicates = received.size() - distinctEvents;
        Map<Integer, Long> byInstance = perInstance("bordergate_bookings_total", "outcome=\"accepted\"");

        // 503s of an overloaded machine may leave places: every one can still be booked, and no more.
        int toppedUp = Stampede.topUp(service, PackagedService.BALANCER, GATE, "EXPORT", slot, CAPACITY, "13");
        long finalRows = service.activeRows(GATE, "EXPORT", slot);

        System.out.printf("FIGURE scale-out-stampede: instances=3 balancer=haproxy requests=%d answers=%s per_second=%.0f "
                        + "created=%d rows_of_201=%d rows_after_burst=%d topped_up=%d final_rows=%d capacity=%d over_capacity=%d "
                        + "redis_equals_postgres=%s booked_per_instance=%s webhook_deliveries=%d received=%d distinct_events=%d "
                        + "duplicate_deliveries=%d%n",
                stampede.requests(), stampede.byStatus(), stampede.perSecond(), stampede.count(201),
                stampede.rowsOfCreated(service), rows, toppedUp, finalRows, CAPACITY, Math.max(0, finalRows - CAPACITY),
                redisAgrees, byInstance, expected, received.size(), distinctEvents, duplicates);

        assertEquals(stampede.count(201), stampede.rowsOfCreated(service), "every 201 has its row");
        assertEquals(stampede.count(201), rows, "no row without its 201");
        assertTrue(rows <= CAPACITY, "never over capacity");
        assertTrue(stampede.count(201) >= CAPACITY / 2, "most places went in the stampede: " + stampede.byStatus());
        assertEquals(CAPACITY, finalRows, "every place can be booked, and no more");
        assertTrue(redisAgrees, "the ledger counts what PostgreSQL holds");
        assertTrue(byInstance.values().stream().filter(n -> n > 0).count() >= 2, "the balancer spread the bookings");
        assertTrue(delivered, "every delivery delivered");
        assertEquals(booked, expected, "one delivery per booking of a firm with a webhook");
        assertEquals(expected, distinctEvents, "each event reached the receiver");
        assertEquals(0, duplicates, "no event delivered twice, whichever instance dispatched it");
    }

    @Test
    @Order(3)
    void aChangeMadeThroughTheBalancerReachesFollowersOnEveryInstance() throws Exception {
        String firm = PackagedService.firm("0400000001");
        HttpResponse<String> created = service.declare(PackagedService.BALANCER, firm,
                Fixtures.declaration(GATE, "IMPORT", Fixtures.slot(2, 15)));
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("id");
        List<SseClient> followers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                followers.add(follow(i, "/api/v1/declarations/" + id + "/stream", Map.of("Authorization", "Bearer " + firm)));
                assertEquals("BOOKED", new JsonObject(followers.get(i).next(Duration.ofSeconds(10)).data()).getString("status"));
            }
            HttpResponse<String> cancelled = service.post(PackagedService.BALANCER, "/api/v1/declarations/" + id + "/cancel",
                    firm, null);
            assertEquals(200, cancelled.statusCode(), cancelled.body());
            for (int i = 0; i < 3; i++) {
                SseClient.Event live = followers.get(i).next(Duration.ofSeconds(10));
                assertNotNull(live, "instance " + i + " tells its follower");
                assertEquals("CANCELLED", new JsonObject(live.data()).getString("status"));
            }
        } finally {
            followers.forEach(SseClient::close);
        }
    }

    @Test
    @Order(4)
    void aLostLedgerIsRebuiltOnceByOneOfTheInstances() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 14);
        String epochKey = "bg:{" + GATE + ":" + slot.toLocalDate() + "}:epoch";
        double before = rebuilds(3);
        assertEquals(1L, service.redis().command("DEL", epochKey));
        boolean rebuilt = Eventually.within(Duration.ofSeconds(15), () -> service.redis().command("GET", epochKey) != null);
        Thread.sleep(5_000); // every instance has checked at least twice since
        double rebuilds = rebuilds(3) - before;
        System.out.printf("FIGURE scale-out-ledger-check: instances=3 lost_ledgers=1 rebuilt=%s rebuilds=%.0f%n", rebuilt, rebuilds);
        assertTrue(rebuilt);
        assertEquals(1, rebuilds, "one instance rebuilt it; the others found it rebuilt");
        assertEquals(CAPACITY, service.redis().used(GATE, slot.toLocalDate(), "EXPORT:1400"), "recounted from PostgreSQL");
    }

    @Test
    @Order(5)
    void eachNoShowIsSweptOnceAndEveryBoardShowsIt() throws Exception {
        String gate = "TAN_THANH";
        int trucks = 12;
        OffsetDateTime slot = Fixtures.slot(2, 15);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < trucks; i++) {
            HttpResponse<String> created = service.declare(PackagedService.BALANCER,
                    PackagedService.firm(Stampede.taxCode("05", i)), Fixtures.declaration(gate, "EXPORT", slot));
            assertEquals(201, created.statusCode(), created.body());
            ids.add(new JsonObject(created.body()).getString("id"));
        }
        List<SseClient> boards = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                boards.add(follow(i, "/api/v1/gates/" + gate + "/board/stream", Map.of()));
                assertNotNull(boards.get(i).next(Duration.ofSeconds(10)), "the current board at once");
            }
            // The day passes for these bookings: their slot ended two minutes ago, so the sweeps take them.
            String idArray = "{" + String.join(",", ids) + "}";
            assertEquals(trucks, service.execute("UPDATE declarations SET slot_start = now() - interval '3 minutes', "
                    + "slot_end = now() - interval '2 minutes', "
                    + "slot_day = ((now() - interval '3 minutes') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date "
                    + "WHERE id = ANY(?::uuid[])", idArray));
            boolean swept = Eventually.within(Duration.ofSeconds(30), () -> service.queryLong(
                    "SELECT count(*) FROM declarations WHERE id = ANY(?::uuid[]) AND status = 'NO_SHOW'", idArray) == trucks);
            List<List<Object>> events = service.rows("SELECT declaration_id, count(*) FROM declaration_events "
                    + "WHERE declaration_id = ANY(?::uuid[]) AND type = 'NO_SHOW' GROUP BY declaration_id", idArray);
            Map<Integer, Integer> noShowsOnBoards = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                noShowsOnBoards.put(i, noShowsToday(boards.get(i), trucks));
            }
            System.out.printf("FIGURE scale-out-sweeps: instances=3 due=%d swept=%s declarations_with_no_show=%d "
                            + "no_show_events=%d boards_no_show_today=%s%n", trucks, swept, events.size(),
                    events.stream().mapToLong(r -> (Long) r.get(1)).sum(), noShowsOnBoards);
            assertTrue(swept);
            assertEquals(trucks, events.size());
            assertTrue(events.stream().allMatch(r -> (Long) r.get(1) == 1L), "no declaration swept twice");
            noShowsOnBoards.forEach((instance, count) ->
                    assertTrue(count >= trucks, "instance " + instance + "'s board shows the no-shows: " + count));
        } finally {
            boards.forEach(SseClient::close);
        }
    }

    /** Follows a board until it shows at least {@code expected} no-shows today; answers the last count seen. */
    private static int noShowsToday(SseClient board, int expected) throws InterruptedException {
        int seen = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (seen < expected && System.nanoTime() < deadline) {
            SseClient.Event event = board.next(Duration.ofSeconds(2));
            if (event == null || event.data() == null || event.data().isBlank()) {
                continue;
            }
            JsonObject view = new JsonObject(event.data());
            seen = view.getJsonArray("directions").stream().map(JsonObject.class::cast)
                    .mapToInt(d -> d.getJsonObject("today").getJsonObject("NO_SHOW").getInteger("count")).sum();
        }
        return seen;
    }

    private static SseClient follow(int instance, String path, Map<String, String> headers) throws Exception {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = service.port(instance);
        return SseClient.open(path, headers);
    }

    /** The epochs once the ledger checks stopped changing them (three seconds alike in a row). */
    private static Map<String, String> settledEpochs() throws Exception {
        Map<String, String> last = epochs();
        int alike = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (alike < 3 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            Map<String, String> now = epochs();
            alike = now.equals(last) && !now.isEmpty() ? alike + 1 : 0;
            last = now;
        }
        return last;
    }

    private static Map<String, String> epochs() throws Exception {
        return service.rows("SELECT gate_code || ':' || day, epoch FROM ledger_epochs").stream()
                .collect(Collectors.toMap(r -> (String) r.get(0), r -> (String) r.get(1)));
    }

    private static long changed(Map<String, String> before, Map<String, String> after) {
        return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
    }

    private static double rebuilds(int instances) throws Exception {
        double sum = 0;
        for (int i = 0; i < instances; i++) {
            sum += service.metric(i, REBUILDS);
        }
        return sum;
    }

    private static Map<Integer, Long> perInstance(String metric, String label) throws Exception {
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            long n = 0;
            for (String line : service.operations(i, "/q/metrics").body().split("\\n")) {
                if (line.startsWith(metric + "{") && line.contains(label)) {
                    n += (long) vn.bordergate.support.MetricLines.value(line);
                }
            }
            counts.put(i, n);
        }
        return counts;
    }
}
