package vn.bordergate.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.SseClient;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Drivers and firms follow a declaration live; reconnecting replays what was missed. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class LiveStatusTest {

    static final String FIRM = Tokens.enterprise("0100109106-404");
    static final Duration WAIT = Duration.ofSeconds(10);

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void theDriverSeesEachTransitionMadeByOfficersInVietnamese() throws Exception {
        OffsetDateTime slot = Fixtures.slot(1, 15);
        String id = Api.declare(FIRM, Fixtures.declaration("MONG_CAI", "EXPORT", slot)).then().statusCode(201).extract().path("id");
        String driver = Tokens.driver("0912345678");

        try (SseClient stream = SseClient.open("/api/v1/declarations/" + id + "/stream", Map.of("Authorization", "Bearer " + driver))) {
            assertEquals(200, stream.status());
            SseClient.Event booked = stream.next(WAIT);
            assertNotNull(booked, "the current state is replayed at once");
            assertEquals("BOOKED", new JsonObject(booked.data()).getString("status"));

            TestClock.travelTo(slot.plusMinutes(5));
            String qr = given().auth().oauth2(FIRM).accept("application/json").get("/api/v1/declarations/" + id + "/qr").path("token");
            given().auth().oauth2(Tokens.officer("yard-officer", "MONG_CAI")).contentType("application/json")
                    .body(Map.of("token", qr)).post("/api/v1/gates/MONG_CAI/check-ins").then().statusCode(201);

            SseClient.Event checkedIn = stream.next(WAIT);
            assertNotNull(checkedIn, "an officer's check-in reaches the driver");
            assertEquals("status", checkedIn.name());
            JsonObject data = new JsonObject(checkedIn.data());
            assertEquals("CHECKED_IN", data.getString("status"));
            assertEquals("Đã vào bãi chờ", data.getString("statusText"));
            assertEquals(Long.parseLong(checkedIn.id()), data.getLong("sequence"));
        }
    }

    @Test
    void reconnectingWithLastEventIdReplaysOnlyWhatWasMissed() throws Exception {
        String id = Api.declare(FIRM, Fixtures.declaration("MONG_CAI", "IMPORT", Fixtures.slot(1, 16))).then().statusCode(201).extract().path("id");
        String firstId;
        try (SseClient stream = SseClient.open("/api/v1/declarations/" + id + "/stream", Map.of("Authorization", "Bearer " + FIRM))) {
            firstId = stream.next(WAIT).id();
        }
        given().auth().oauth2(FIRM).post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);

        try (SseClient resumed = SseClient.open("/api/v1/declarations/" + id + "/stream",
                Map.of("Authorization", "Bearer " + FIRM, "Last-Event-ID", firstId, "Accept-Language", "en"))) {
            SseClient.Event missed = resumed.next(WAIT);
            assertNotNull(missed);
            assertEquals("CANCELLED", new JsonObject(missed.data()).getString("status"));
            assertEquals("Cancelled", new JsonObject(missed.data()).getString("statusText"));
        }
    }

    @Test
    void anotherFirmCannotFollowTheDeclaration() throws Exception {
        String id = Api.declare(FIRM, Fixtures.declaration("MONG_CAI", "IMPORT", Fixtures.slot(1, 17))).then().statusCode(201).extract().path("id");
        try (SseClient stream = SseClient.open("/api/v1/declarations/" + id + "/stream",
                Map.of("Authorization", "Bearer " + Tokens.enterprise(Tokens.FIRM_B)))) {
            assertEquals(404, stream.status());
        }
    }

    @Test
    void problemTitlesFollowAcceptLanguage() {
        given().header("Accept-Language", "vi-VN,vi;q=0.9").when().get("/api/v1/gates/NOWHERE").then()
                .statusCode(404).body("title", equalTo("Không tìm thấy"));
        given().header("Accept-Language", "en").when().get("/api/v1/gates/NOWHERE").then()
                .statusCode(404).body("title", equalTo("Not found"));
    }
}
