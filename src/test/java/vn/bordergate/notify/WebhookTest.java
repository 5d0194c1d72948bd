package vn.bordergate.notify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PublishedContract;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks against a real HTTP receiver on 127.0.0.1: signed deliveries in order per declaration, retries
 * with backoff, giving up after 24 h, an outbox that exists before any send, and the SSRF guard. The
 * schedule is off in tests: each test runs the dispatcher itself.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class WebhookTest {

    private static final String GATE = "COC_NAM";

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Clock clock;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        TestClock.reset();
        receivers.forEach(Receiver::close);
        // Webhooks of this class's firms only; their queues and logs go with them.
        Database.update("DELETE FROM webhooks WHERE tax_code LIKE '0100109106-9%'");
    }

    @Test
    void theSecretIsShownOnceAndOnlyTheFirmSeesItsWebhooks() {
        String firm = firm(1);
        String other = firm(2);
        Response created = register(firm, Map.of("url", "http://localhost:9/hook", "eventTypes", List.of("DECLARED", "CANCELLED")));
        created.then().statusCode(201).header("Location", endsWith("/api/v1/webhooks/" + created.path("id")))
                .body("secret", startsWith("whsec_")).body("url", equalTo("http://localhost:9/hook"))
                .body("eventTypes", equalTo(List.of("DECLARED", "CANCELLED"))).body("createdAt", notNullValue());
        String id = created.path("id");

        given().auth().oauth2(firm).when().get("/api/v1/webhooks").then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("[0]", not(hasKey("secret")));
        given().auth().oauth2(other).when().get("/api/v1/webhooks").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(other).when().delete("/api/v1/webhooks/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).when().get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        given().auth().oauth2(Tokens.driver("0912345678")).when().get("/api/v1/webhooks").then().statusCode(403);
        given().when().get("/api/v1/webhooks").then().statusCode(401);

        given().auth().oauth2(firm).when().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(firm).when().delete("/api/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(firm).when().get("/api/v1/webhooks").then().body("$", hasSize(0));
        given().auth().oauth2(firm).when().delete("/api/v1/webhooks/not-a-uuid").then().statusCode(404);
    }

    @Test
    void registrationsAreValidated() {
        String firm = firm(3);
        refused(firm, Map.of("url", "not a url"), "url");
        refused(firm, Map.of("url", "ftp://example.com/hook"), "url");
        refused(firm, Map.of("url", "/relative/hook"), "url");
        refused(firm, Map.of("url", "https://user:pass@example.com/hook"), "url");
        refused(firm, Map.of("eventTypes", List.of("DECLARED")), "url");
        refused(firm, Map.of("url", "http://localhost/hook", "eventTypes", List.of("DECLARED", "EATEN")), "eventTypes[1]");
        register(firm, "[]").then().statusCode(400).contentType("application/problem+json");

        for (int i = 0; i < 10; i++) {
            register(firm, Map.of("url", "http://localhost/hook/" + i)).then().statusCode(201);
        }
        Response overLimit = register(firm, Map.of("url", "http://localhost/hook/11"));
        overLimit.then().statusCode(409).body("type", endsWith("/problems/webhook-limit")).body("limit", equalTo(10));
        PublishedContract.assertDocumented("POST", "/api/v1/webhooks", overLimit);
    }

    @Test
    void addressesInsideTheNetworkAreRefusedUnlessAllowListed() {
        String firm = firm(4);
        for (String url : List.of("http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/",
                "http://192.168.1.10:8080/hook", "http://172.16.5.4/hook", "http://[::1]:8080/hook",
                "http://[fd00::1]/hook", "http://0.0.0.0/hook", "http://[::ffff:10.0.0.1]/hook", "http://224.0.0.1/hook")) {
            register(firm, Map.of("url", url)).then().statusCode(400)
                    .body("type", endsWith("/problems/validation")).body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("non-public address"));
        }
        // localhost and 127.0.0.1 are on the test allow-list.
        register(firm, Map.of("url", "http://127.0.0.1:1/hook")).then().statusCode(201);
        given().auth().oauth2(firm).when().get("/api/v1/webhooks").then().body("$", hasSize(1));
    }

    @Test
    void aStoredUrlThatNowPointsInsideIsRefusedAgainBeforeAnyConnection() {
        String firm = firm(5);
        String hook = register(firm, Map.of("url", "http://localhost:1/hook")).then().statusCode(201).extract().path("id");
        // As if the host had been re-pointed after registration (DNS rebinding): the dispatcher checks again.
        Database.update("UPDATE webhooks SET url = 'http://10.0.0.1/hook' WHERE id = ?", UUID.fromString(hook));
        String declaration = declare(firm, 2, 14);

        assertEquals(1, dispatchDue());

        deliveries(firm, hook).body("items", hasSize(1)).body("items[0].declarationId", equalTo(declaration))
                .body("items[0].status", equalTo("PENDING")).body("items[0].attempts", equalTo(1))
                .body("items[0].lastHttpStatus", nullValue())
                .body("items[0].lastError", containsString("non-public address (10.0.0.1)"));
    }

    @Test
    void eventsArriveSignedAndInOrderAndTheOutboxIsWrittenWithTheChange() {
        String firm = firm(6);
        Receiver receiver = receiver();
        Response created = register(firm, Map.of("url", receiver.url()));
        String hook = created.path("id");
        String secret = created.path("secret");

        String id = declare(firm, 1, 12);
        // The outbox row is committed with the booking, before anything is sent.
        assertEquals(1, Database.count("SELECT count(*) FROM webhook_deliveries WHERE declaration_id = ? AND status = 'PENDING'",
                UUID.fromString(id)));
        amendDriver(firm, id, 1).then().statusCode(200);
        given().auth().oauth2(firm).contentType(ContentType.JSON).body(Map.of("reason", "truck broke down"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        assertEquals(3, Database.count("SELECT count(*) FROM webhook_deliveries WHERE declaration_id = ?", UUID.fromString(id)));
        assertTrue(receiver.requests().isEmpty(), "nothing is sent on the request path");

        assertEquals(3, dispatchDue());

        assertEquals(List.of("DECLARED", "AMENDED", "CANCELLED"), receiver.types());
        List<Long> eventIds = new ArrayList<>();
        for (Receiver.Request request : receiver.requests()) {
            assertTrue(request.signedWith(secret), "signature verifies with the secret shown at registration");
            assertFalse(request.signedWith(secret + "x"));
            JsonPath body = request.json();
            assertEquals(id, body.getString("declarationId"));
            assertEquals(GATE, body.getString("gateCode"));
            assertFalse(body.getString("reference").isBlank());
            assertEquals(request.eventId(), Long.toString(body.getLong("eventId")));
            assertTrue(request.traceparent() != null && request.traceparent().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                    "each attempt names its trace for the firm's own tracing: " + request.traceparent());
            eventIds.add(body.getLong("eventId"));
        }
        JsonPath cancelled = receiver.requests().get(2).json();
        assertEquals("BOOKED", cancelled.getString("fromStatus"));
        assertEquals("CANCELLED", cancelled.getString("toStatus"));
        assertEquals("truck broke down", cancelled.getString("reason"));
        assertEquals("changed", receiver.requests().get(1).json().getString("data.driver"));
        assertTrue(eventIds.get(0) < eventIds.get(1) && eventIds.get(1) < eventIds.get(2));

        deliveries(firm, hook).body("items.eventType", equalTo(List.of("CANCELLED", "AMENDED", "DECLARED")))
                .body("items.status", equalTo(List.of("DELIVERED", "DELIVERED", "DELIVERED")))
                .body("items.attempts", equalTo(List.of(1, 1, 1))).body("items.lastHttpStatus", equalTo(List.of(200, 200, 200)))
                .body("items[0].deliveredAt", notNullValue()).body("items[0].nextAttemptAt", nullValue())
                .body("nextCursor", nullValue());
        String cursor = given().auth().oauth2(firm).queryParam("limit", 2).when().get("/api/v1/webhooks/" + hook + "/deliveries")
                .then().statusCode(200).body("items", hasSize(2)).extract().path("nextCursor");
        given().auth().oauth2(firm).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/webhooks/" + hook + "/deliveries")
                .then().statusCode(200).body("items.eventType", equalTo(List.of("DECLARED"))).body("nextCursor", nullValue());
        assertEquals(0, dispatchDue(), "a delivered event is not sent again");
    }

    @Test
    void aFailingReceiverGetsRetriesWithBackoffAndTheNextEventWaits() {
        String firm = firm(7);
        Receiver receiver = receiver();
        receiver.failFirst(2, 500);
        Response created = register(firm, Map.of("url", receiver.url()));
        String hook = created.path("id");
        String secret = created.path("secret");
        String id = declare(firm, 1, 13);
        amendDriver(firm, id, 1).then().statusCode(200);

        assertEquals(1, dispatchDue(), "only the declaration's first event is eligible");
        deliveries(firm, hook).body("items.eventType", equalTo(List.of("AMENDED", "DECLARED")))
                .body("items.status", equalTo(List.of("PENDING", "PENDING"))).body("items.attempts", equalTo(List.of(0, 1)))
                .body("items[1].lastHttpStatus", equalTo(500)).body("items[1].lastError", equalTo("HTTP 500"))
                .body("items[1].nextAttemptAt", notNullValue());
        assertEquals(0, dispatchDue(), "not due before the backoff has passed");
        List<String> next = deliveries(firm, hook).extract().path("items.nextAttemptAt");
        assertEquals(next.get(1), next.get(0), "the amendment waits for the declaration's retry");

        advance(Duration.ofSeconds(6));
        assertEquals(1, dispatchDue());
        deliveries(firm, hook).body("items[1].attempts", equalTo(2)).body("items[0].attempts", equalTo(0));
        advance(Duration.ofSeconds(6));
        assertEquals(0, dispatchDue(), "the second wait is twice as long");

        advance(Duration.ofSeconds(5));
        assertEquals(2, dispatchDue());
        assertEquals(List.of("DECLARED", "DECLARED", "DECLARED", "AMENDED"), receiver.types());
        List<Receiver.Request> requests = receiver.requests();
        assertEquals(1, requests.stream().map(Receiver.Request::eventId).limit(3).distinct().count(),
                "a retry carries the same event id");
        assertTrue(requests.stream().allMatch(r -> r.signedWith(secret)));
        deliveries(firm, hook).body("items.status", equalTo(List.of("DELIVERED", "DELIVERED")))
                .body("items.attempts", equalTo(List.of(1, 3))).body("items[1].lastHttpStatus", equalTo(200))
                .body("items[1].lastError", nullValue());
    }

    @Test
    void afterADayOfFailuresADeliveryFailsAndTheNextOneProceeds() {
        String firm = firm(8);
        Receiver receiver = receiver();
        receiver.answer(r -> r.type().equals("DECLARED") ? 503 : 204);
        String hook = register(firm, Map.of("url", receiver.url())).path("id");
        String id = declare(firm, 1, 14);
        given().auth().oauth2(firm).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);

        assertEquals(1, dispatchDue());
        advance(Duration.ofHours(23));
        assertEquals(1, dispatchDue());
        deliveries(firm, hook).body("items[1].status", equalTo("PENDING"));

        advance(Duration.ofHours(2));
        assertEquals(2, dispatchDue());
        assertEquals(List.of("DECLARED", "DECLARED", "DECLARED", "CANCELLED"), receiver.types());
        deliveries(firm, hook).body("items.eventType", equalTo(List.of("CANCELLED", "DECLARED")))
                .body("items.status", equalTo(List.of("DELIVERED", "FAILED"))).body("items.attempts", equalTo(List.of(1, 3)))
                .body("items[1].lastHttpStatus", equalTo(503)).body("items[0].lastHttpStatus", equalTo(204));
        advance(Duration.ofHours(2));
        assertEquals(0, dispatchDue(), "a failed delivery is not tried again");
    }

    @Test
    void aReceiverThatHangsDoesNotHoldUpBookings() {
        String firm = firm(9);
        Receiver receiver = receiver();
        receiver.hold();
        String hook = register(firm, Map.of("url", receiver.url())).path("id");
        declare(firm, 1, 15);

        CompletableFuture<Integer> dispatch = dispatcher.dispatchDue().subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 1);

        // The receiver still holds its answer, and a booking is accepted all the same.
        String second = declare(firm, 1, 15);
        assertEquals(0, receiver.answered());
        assertEquals(1, Database.count("SELECT count(*) FROM webhook_deliveries WHERE declaration_id = ? AND status = 'PENDING'",
                UUID.fromString(second)));

        // Released, the held delivery completes and the run goes on to the second booking's event.
        receiver.release();
        assertEquals(2, dispatch.join());
        assertEquals(2, receiver.requests().size());
        deliveries(firm, hook).body("items", hasSize(2)).body("items.attempts", equalTo(List.of(1, 1)));
    }

    @Test
    void aDeadReceiverDoesNotHoldUpBookingsAndIsRetried() {
        String firm = firm(10);
        String hook = register(firm, Map.of("url", Receiver.deadUrl())).path("id");
        String first = declare(firm, 2, 15);

        assertEquals(1, dispatchDue());
        declare(firm, 2, 15);

        deliveries(firm, hook).body("items", hasSize(2))
                .body("items.find { it.declarationId == '" + first + "' }.status", equalTo("PENDING"))
                .body("items.find { it.declarationId == '" + first + "' }.attempts", equalTo(1))
                .body("items.find { it.declarationId == '" + first + "' }.lastHttpStatus", nullValue())
                .body("items.find { it.declarationId == '" + first + "' }.lastError", notNullValue());
    }

    @Test
    void deletingAWebhookStopsItsDeliveriesAndEventTypesFilter() {
        String firm = firm(11);
        Receiver all = receiver();
        Receiver cancellations = receiver();
        String allHook = register(firm, Map.of("url", all.url())).path("id");
        register(firm, Map.of("url", cancellations.url(), "eventTypes", List.of("CANCELLED"))).then().statusCode(201);
        String id = declare(firm, 1, 16);
        assertEquals(1, Database.count("SELECT count(*) FROM webhook_deliveries WHERE declaration_id = ?", UUID.fromString(id)));

        given().auth().oauth2(firm).when().delete("/api/v1/webhooks/" + allHook).then().statusCode(204);
        assertEquals(0, Database.count("SELECT count(*) FROM webhook_deliveries WHERE declaration_id = ?", UUID.fromString(id)));
        amendDriver(firm, id, 1).then().statusCode(200);
        given().auth().oauth2(firm).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);

        dispatchDue();
        assertTrue(all.requests().isEmpty());
        assertEquals(List.of("CANCELLED"), cancellations.types());
    }

    @Test
    void aLeaseHeldByACrashedInstanceExpires() {
        String firm = firm(12);
        Receiver receiver = receiver();
        String hook = register(firm, Map.of("url", receiver.url())).path("id");
        String id = declare(firm, 2, 13);
        // Claimed by an instance that died before recording the outcome.
        Database.update("UPDATE webhook_deliveries SET attempts = 1, lease_until = ? WHERE declaration_id = ?",
                OffsetDateTime.now(clock).plusMinutes(2), UUID.fromString(id));

        assertEquals(0, dispatchDue());
        advance(Duration.ofMinutes(3));
        assertEquals(1, dispatchDue());
        assertEquals(List.of("DECLARED"), receiver.types());
        deliveries(firm, hook).body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", equalTo(2));
    }

    @Test
    void dispatchersRacingNeverSendTwiceAndKeepEachDeclarationInOrder() {
        String firm = firm(13);
        Receiver receiver = receiver();
        register(firm, Map.of("url", receiver.url())).then().statusCode(201);
        List<String> ids = IntStream.of(12, 13, 14).mapToObj(hour -> declare(firm, 3, hour)).toList();
        for (String id : ids) {
            amendDriver(firm, id, 1).then().statusCode(200);
            amendDriver(firm, id, 2).then().statusCode(200);
        }

        // Four instances' dispatchers, each running again and again until every event has arrived.
        List<CompletableFuture<Integer>> racing = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    int made = 0;
                    for (int run = 0; run < 500 && receiver.requests().size() < 9; run++) {
                        made += dispatchDue();
                    }
                    return made;
                })).toList();
        int attempts = racing.stream().mapToInt(CompletableFuture::join).sum();

        assertEquals(9, attempts);
        assertEquals(9, receiver.requests().stream().map(Receiver.Request::eventId).distinct().count());
        for (String id : ids) {
            List<String> types = receiver.requests().stream().filter(r -> r.json().getString("declarationId").equals(id))
                    .map(Receiver.Request::type).toList();
            assertEquals(List.of("DECLARED", "AMENDED", "AMENDED"), types);
        }
    }

    // ---- helpers ----

    private static String firm(int n) {
        return Tokens.enterprise(String.format("0100109106-%03d", 900 + n));
    }

    private Receiver receiver() {
        Receiver receiver = Receiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private int dispatchDue() {
        return dispatcher.dispatchDue().await().atMost(Duration.ofSeconds(60));
    }

    /** Moves the service's clock forward; time keeps running from there. */
    private void advance(Duration by) {
        TestClock.travelTo(OffsetDateTime.ofInstant(clock.instant().plus(by), ZoneOffset.UTC));
    }

    private static Response register(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/webhooks");
    }

    private static void refused(String token, Map<String, Object> body, String field) {
        register(token, body).then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/validation")).body("errors.field", hasItem(field));
    }

    private static io.restassured.response.ValidatableResponse deliveries(String token, String hook) {
        return given().auth().oauth2(token).when().get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200);
    }

    private static String declare(String token, int day, int hour) {
        return Api.declare(token, Fixtures.declaration(GATE, "IMPORT", Fixtures.slot(day, hour)))
                .then().statusCode(201).extract().path("id");
    }

    private static Response amendDriver(String token, String id, int version) {
        String name = version % 2 == 1 ? "Trần Thị Bình" : "Lê Văn Cường";
        Map<String, Object> driver = new HashMap<>(Map.of("fullName", name, "idNumber", "001099012346",
                "phone", "0912345679"));
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(Map.of("driver", driver)).when().patch("/api/v1/declarations/" + id);
    }
}
