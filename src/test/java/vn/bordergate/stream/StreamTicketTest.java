package vn.bordergate.stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.SseClient;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser follows an authenticated stream with a single-use ticket instead of the Authorization header
 * its EventSource cannot send; the ticket carries exactly the token's rights, once, and nowhere but streams.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class StreamTicketTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String FIRM = Tokens.enterprise("0100109106-715");
    static final String DRIVER = Tokens.driver("0912345678");

    static String ticket(String token) {
        return given().auth().oauth2(token).when().post("/api/v1/stream-tickets").then().statusCode(200)
                .body("ticket", matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract().path("ticket");
    }

    static String book() {
        OffsetDateTime slot = Fixtures.slot(2, 16);
        return Api.declare(FIRM, Fixtures.declaration("TAN_THANH", "EXPORT", slot)).then().statusCode(201).extract().path("id");
    }

    @Test
    void aTicketOpensTheStreamOnceWithTheTokensRights() throws Exception {
        String id = book();
        String ticket = ticket(DRIVER);
        String stream = "/api/v1/declarations/" + id + "/stream";
        try (SseClient follow = SseClient.open(stream + "?ticket=" + ticket, Map.of("Accept-Language", "en"))) {
            assertEquals(200, follow.status());
            SseClient.Event booked = follow.next(WAIT);
            assertNotNull(booked, "the current state comes at once");
            assertEquals("BOOKED", new JsonObject(booked.data()).getString("status"));
        }
        try (SseClient again = SseClient.open(stream + "?ticket=" + ticket, Map.of())) {
            assertEquals(401, again.status(), "a ticket is spent by its first use");
        }
        given().when().get(stream + "?ticket=" + "A".repeat(43)).then().statusCode(401)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("POST /api/v1/stream-tickets"));
    }

    @Test
    void aTicketIsNoWiderThanTheTokenThatAskedForIt() throws Exception {
        String id = book();
        String otherDriver = Tokens.driver("0987654321");
        try (SseClient follow = SseClient.open("/api/v1/declarations/" + id + "/stream?ticket=" + ticket(otherDriver), Map.of())) {
            assertEquals(404, follow.status(), "another driver's ticket sees no more than his token: not found");
        }
        try (SseClient follow = SseClient.open("/api/v1/declarations/" + id + "/stream?ticket=" + ticket(Tokens.officer("yard-officer", "HUU_NGHI")), Map.of())) {
            assertEquals(404, follow.status(), "an officer of another gate neither");
        }
    }

    @Test
    void aTicketOpensNothingButAStream() {
        String id = book();
        given().when().get("/api/v1/declarations/" + id + "?ticket=" + ticket(FIRM)).then().statusCode(401);
        given().when().post("/api/v1/declarations/" + id + "/cancel?ticket=" + ticket(FIRM)).then().statusCode(401);
        given().auth().oauth2(FIRM).get("/api/v1/declarations/" + id).then().statusCode(200).body("status", equalTo("BOOKED"));
        given().when().post("/api/v1/stream-tickets").then().statusCode(401);
    }

    @Test
    void aBrowserResumesWhereItLeftOffWithANewTicket() throws Exception {
        String id = book();
        String stream = "/api/v1/declarations/" + id + "/stream";
        String firstId;
        try (SseClient follow = SseClient.open(stream + "?ticket=" + ticket(FIRM), Map.of())) {
            firstId = follow.next(WAIT).id();
        }
        given().auth().oauth2(FIRM).post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        try (SseClient resumed = SseClient.open(stream + "?ticket=" + ticket(FIRM) + "&after=" + firstId, Map.of())) {
            SseClient.Event missed = resumed.next(WAIT);
            assertNotNull(missed);
            assertEquals("CANCELLED", new JsonObject(missed.data()).getString("status"), "only what came after " + firstId);
            assertTrue(Long.parseLong(missed.id()) > Long.parseLong(firstId));
        }
    }
}
