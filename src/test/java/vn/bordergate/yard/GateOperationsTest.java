package vn.bordergate.yard;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.RolledUp;
import vn.bordergate.support.Tokens;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A truck taken from BOOKED to EXITED through the API alone, and the yard's call-up order. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class GateOperationsTest {

    @Inject
    RedisDataSource redis;

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    static final String ADMIN = Tokens.role("admin");

    /** What statistics show for KIM_THANH's exports on {@code day}: {@code path} in that day's figures. */
    static <T> T exportFigure(LocalDate day, String path) {
        RolledUp.now();
        return given().auth().oauth2(ADMIN).queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/stats/gates/KIM_THANH").then().statusCode(200)
                .extract().path("days.find { it.direction == 'EXPORT' }." + path);
    }

    @Test
    void aTruckGoesFromBookedToExited() {
        OffsetDateTime slot = Fixtures.slot(1, 7);
        Integer exitedBefore = exportFigure(slot.toLocalDate(), "byStatus.EXITED");
        String id = GateDesk.book("KIM_THANH", "EXPORT", slot, "FRESH_FRUIT");

        // The driver's app fetches the QR code on the way, shortly before the slot (it expires).
        TestClock.travelTo(slot.plusMinutes(10));
        String token = GateDesk.qrToken(id);
        given().auth().oauth2(GateDesk.FIRM).accept("image/png").when().get("/api/v1/declarations/" + id + "/qr")
                .then().statusCode(200).contentType("image/png");
        GateDesk.checkIn("KIM_THANH", Map.of("token", token)).then().statusCode(201).body("status", equalTo("CHECKED_IN"));
        GateDesk.yard("KIM_THANH", "EXPORT").then().statusCode(200).body("declarationId", org.hamcrest.Matchers.hasItem(id));

        GateDesk.call("KIM_THANH", "EXPORT", 50).then().statusCode(200).body("declarationId", org.hamcrest.Matchers.hasItem(id));
        GateDesk.inspect("customs", "KIM_THANH", id, "CLEARED").then().statusCode(200)
                .body("status", equalTo("CALLED")).body("pending", contains("border-guard", "quarantine"));
        GateDesk.inspect("border-guard", "KIM_THANH", id, "HOLD").then().statusCode(200).body("status", equalTo("CALLED"));
        GateDesk.inspect("quarantine", "KIM_THANH", id, "CLEARED").then().statusCode(200).body("status", equalTo("CALLED"))
                .body("pending", contains("border-guard"));
        GateDesk.inspect("border-guard", "KIM_THANH", id, "CLEARED").then().statusCode(200).body("status", equalTo("RELEASED"));

        TestClock.travelTo(slot.plusMinutes(40)); // the truck leaves half an hour after it checked in
        given().auth().oauth2(Tokens.officer("border-guard", "KIM_THANH")).when().post("/api/v1/declarations/" + id + "/exit")
                .then().statusCode(200).body("status", equalTo("EXITED"));

        List<String> types = given().auth().oauth2(GateDesk.FIRM).when().get("/api/v1/declarations/" + id + "/events")
                .then().statusCode(200).extract().path("type");
        assertEquals(List.of("DECLARED", "CHECKED_IN", "CALLED", "INSPECTED", "INSPECTED", "INSPECTED", "INSPECTED",
                "RELEASED", "EXITED"), types);
        given().auth().oauth2(Tokens.role("auditor")).when().get("/api/v1/audit/declarations/" + id + "/verify")
                .then().statusCode(200).body("intact", equalTo(true)).body("events", equalTo(9));
        assertEquals((exitedBefore == null ? 0 : exitedBefore) + 1, (int) exportFigure(slot.toLocalDate(), "byStatus.EXITED"));
        double waited = Database.count("SELECT (extract(epoch FROM exited_at - checked_in_at) * 1000)::bigint "
                + "FROM declarations WHERE id = ?::uuid", id) / 60_000.0;
        // Checked in at 10 past (plus the seconds the steps took), out at 40 past by the service's clock.
        assertTrue(waited > 25 && waited <= 30.5, "about half an hour between check-in and exit: " + waited);
        // The only truck to leave KIM_THANH for export that day: the median wait is its own.
        Number median = exportFigure(slot.toLocalDate(), "medianWaitMinutes");
        assertEquals(waited, median.doubleValue(), 0.01);
    }

    @Test
    void theYardCallsPerishablesFirstThenBySlotThenByCheckIn() {
        OffsetDateTime early = Fixtures.slot(1, 8);
        OffsetDateTime late = Fixtures.slot(1, 9);
        String generalLate = GateDesk.book("KIM_THANH", "IMPORT", late, "GENERAL");
        String generalEarly = GateDesk.book("KIM_THANH", "IMPORT", early, "GENERAL");
        String frozenLate = GateDesk.book("KIM_THANH", "IMPORT", late, "FROZEN");
        String generalLate2 = GateDesk.book("KIM_THANH", "IMPORT", late, "EMPTY");

        TestClock.travelTo(early.plusMinutes(45));
        for (String id : List.of(generalLate2, generalLate, frozenLate, generalEarly)) {
            GateDesk.checkIn("KIM_THANH", Map.of("token", GateDesk.qrToken(id))).then().statusCode(201);
        }

        List<String> order = List.of(frozenLate, generalEarly, generalLate2, generalLate);
        GateDesk.yard("KIM_THANH", "IMPORT").then().statusCode(200).body("declarationId", equalTo(order))
                .body("position", contains(1, 2, 3, 4));
        // The cached yard and the one rebuilt from PostgreSQL are identical.
        String cached = GateDesk.yard("KIM_THANH", "IMPORT").asString();
        redis.key().del("bg:{KIM_THANH:yard}:IMPORT:list");
        assertEquals(cached, GateDesk.yard("KIM_THANH", "IMPORT").asString());

        GateDesk.call("KIM_THANH", "IMPORT", 2).then().statusCode(200).body("declarationId", equalTo(order.subList(0, 2)));
        GateDesk.yard("KIM_THANH", "IMPORT").then().body("declarationId", equalTo(order.subList(2, 4)));
    }

    @Test
    void inspectionRulesFollowTheCargoAndTheGate() {
        OffsetDateTime slot = Fixtures.slot(1, 10);
        String general = GateDesk.book("KIM_THANH", "EXPORT", slot, "GENERAL");
        String fruit = GateDesk.book("KIM_THANH", "EXPORT", slot, "FRESH_FRUIT");
        int free = vn.bordergate.support.Api.available("KIM_THANH", "EXPORT", slot);
        TestClock.travelTo(slot.plusMinutes(5));
        GateDesk.inspect("customs", "KIM_THANH", general, "CLEARED").then().statusCode(409)
                .body("type", endsWith("/problems/invalid-state")).body("currentStatus", equalTo("BOOKED"));
        GateDesk.checkIn("KIM_THANH", Map.of("token", GateDesk.qrToken(general))).then().statusCode(201);
        GateDesk.checkIn("KIM_THANH", Map.of("token", GateDesk.qrToken(fruit))).then().statusCode(201);
        // Fruit is perishable and goes first; call both.
        GateDesk.call("KIM_THANH", "EXPORT", 50).then().statusCode(200);

        GateDesk.inspect("quarantine", "KIM_THANH", general, "CLEARED").then().statusCode(409)
                .body("type", endsWith("/problems/inspection-not-required"));
        GateDesk.inspect("customs", "TAN_THANH", general, "CLEARED").then().statusCode(404);
        GateDesk.inspect("customs", "KIM_THANH", general, "HOLD").then().statusCode(200);
        int events = eventCount(general);
        GateDesk.inspect("customs", "KIM_THANH", general, "HOLD").then().statusCode(200).body("status", equalTo("CALLED"));
        assertEquals(events, eventCount(general), "repeating a decision records nothing new");

        GateDesk.inspect("quarantine", "KIM_THANH", fruit, "REJECTED").then().statusCode(200).body("status", equalTo("REJECTED"));
        assertEquals(free + 1, vn.bordergate.support.Api.available("KIM_THANH", "EXPORT", slot), "a rejected truck frees its place");
        given().auth().oauth2(Tokens.officer("border-guard", "KIM_THANH")).when().post("/api/v1/declarations/" + fruit + "/exit")
                .then().statusCode(409).body("currentStatus", equalTo("REJECTED"));
    }

    static int eventCount(String id) {
        return given().auth().oauth2(GateDesk.FIRM).when().get("/api/v1/declarations/" + id + "/events")
                .then().statusCode(200).extract().path("size()");
    }

    @Test
    void onlyTheGatesOfficersWorkTheYard() {
        OffsetDateTime slot = Fixtures.slot(1, 11);
        String waiting = GateDesk.book("KIM_THANH", "EXPORT", slot, "GENERAL");
        TestClock.travelTo(slot.plusMinutes(5));
        GateDesk.checkIn("KIM_THANH", Map.of("token", GateDesk.qrToken(waiting))).then().statusCode(201);
        List<String> yard = GateDesk.yard("KIM_THANH", "EXPORT").then().statusCode(200)
                .body("declarationId", hasItem(waiting)).extract().path("declarationId");

        given().auth().oauth2(Tokens.officer("yard-officer", "HUU_NGHI")).queryParam("direction", "EXPORT")
                .when().get("/api/v1/gates/KIM_THANH/yard").then().statusCode(403);
        given().auth().oauth2(Tokens.officer("customs", "KIM_THANH")).contentType(ContentType.JSON)
                .body(Map.of("direction", "EXPORT", "count", 1)).when().post("/api/v1/gates/KIM_THANH/calls")
                .then().statusCode(403);
        given().auth().oauth2(GateDesk.FIRM).contentType(ContentType.JSON).body(Map.of("plate", "29C-123.45", "direction", "EXPORT"))
                .when().post("/api/v1/gates/KIM_THANH/check-ins").then().statusCode(403);
        GateDesk.call("KIM_THANH", "EXPORT", 0).then().statusCode(400).body("errors[0].field", equalTo("count"));
        GateDesk.yard("KIM_THANH", "EXPORT").then().statusCode(200).body("declarationId", equalTo(yard));
        GateDesk.status(waiting).then().statusCode(200).body("status", equalTo("CHECKED_IN"));
    }
}
