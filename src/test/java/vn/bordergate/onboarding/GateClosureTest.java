package vn.bordergate.onboarding;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a gate for an afternoon: its slots are no longer offered, each booking inside moves to the nearest
 * open slot with room or is cancelled by the gate, exactly once and with the reason, and capacity stays exact;
 * reopening offers the slots again.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class GateClosureTest {

    static final String ADMIN = GateOnboardingTest.LAO_CAI_ADMIN;
    static final List<String> EVERY_DAY = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    @Inject
    RedisDataSource redis;

    static String gate(int capacity, int horizon, String opensAt, String closesAt) {
        Map<String, Object> gate = new HashMap<>(GateOnboardingTest.batXat(GateOnboardingTest.newCode(), GateOnboardingTest.newPrefix()));
        gate.put("exportCapacity", capacity);
        gate.put("bookingHorizonDays", horizon);
        gate.put("openingHours", List.of(Map.of("days", EVERY_DAY, "opensAt", opensAt, "closesAt", closesAt)));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(gate).when().post("/api/v1/gates")
                .then().statusCode(201);
        return (String) gate.get("code");
    }

    static Response close(String token, String gate, OffsetDateTime from, OffsetDateTime to) {
        return close(token, gate, from.toString(), to.toString());
    }

    static Response close(String token, String gate, String from, String to) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to,
                        "reason", Map.of("vi", "Nghỉ lễ bên kia biên giới", "en", "Holiday across the border")))
                .when().post("/api/v1/gates/" + gate + "/closures");
    }

    static String book(String gate, OffsetDateTime slot) {
        return GateOnboardingTest.book(gate, slot).then().statusCode(201).extract().path("id");
    }

    static long events(String id, String type) {
        return Database.count("SELECT count(*) FROM declaration_events WHERE declaration_id = ?::uuid AND type = ?", id, type);
    }

    static Map<String, Integer> bookedPerSlot(String gate, OffsetDateTime day) {
        List<Map<String, Object>> slots = given().queryParam("direction", "EXPORT")
                .queryParam("date", day.toLocalDate().toString()).when().get("/api/v1/gates/" + gate + "/slots")
                .then().statusCode(200).extract().path("$");
        Map<String, Integer> booked = new HashMap<>();
        slots.forEach(s -> booked.put(OffsetDateTime.parse((String) s.get("start")).toLocalTime().toString(),
                (Integer) s.get("booked")));
        return booked;
    }

    @Test
    void anAfternoonClosureMovesEachBookingInsideToTheNearestOpenSlotOnceAndReopeningOffersItsSlotsAgain() {
        String gate = gate(2, 7, "07:00", "17:00");
        OffsetDateTime day = Fixtures.slot(1, 0).withHour(0);
        String[] inside = {book(gate, day.withHour(13)), book(gate, day.withHour(13)), book(gate, day.withHour(14))};
        book(gate, day.withHour(12));
        book(gate, day.withHour(12)); // 12:00, the nearest slot, is full

        close(GateOnboardingTest.QUANG_NINH_ADMIN, gate, day.withHour(13), day.withHour(15)).then().statusCode(403);
        close(ADMIN, gate, day.withHour(13), day.withHour(15)).then().statusCode(201)
                .body("movedCount", equalTo(3)).body("cancelledCount", equalTo(0))
                .body("reason.en", equalTo("Holiday across the border"));
        // Two hours away either side: the earlier of 11:00 and 15:00 first, then 15:00 for 14:00. The firm
        // reads where its trucks went; the province admin's answer does not name the firm's bookings.
        String[] movedTo = {"T11:00", "T11:00", "T15:00"};
        for (int i = 0; i < inside.length; i++) {
            given().auth().oauth2(GateOnboardingTest.FIRM).when().get("/api/v1/declarations/" + inside[i]).then()
                    .statusCode(200).body("slot.start", containsString(movedTo[i]));
        }

        for (String id : inside) {
            assertEquals(1, events(id, "SLOT_MOVED"), "moved exactly once: " + id);
            given().auth().oauth2(GateOnboardingTest.FIRM).when().get("/api/v1/declarations/" + id + "/events").then()
                    .statusCode(200).body("find { it.type == 'SLOT_MOVED' }.details.reasonVi", equalTo("Nghỉ lễ bên kia biên giới"));
        }
        Map<String, Integer> booked = bookedPerSlot(gate, day);
        assertFalse(booked.containsKey("13:00"), "closed slots are not offered: " + booked);
        assertFalse(booked.containsKey("14:00"), booked.toString());
        assertEquals(2, booked.get("11:00"));
        assertEquals(2, booked.get("12:00"));
        assertEquals(1, booked.get("15:00"));
        // Redis equal to PostgreSQL: the ledger's count of every slot is the rows holding a place there.
        booked.forEach((time, n) -> assertEquals(n.longValue(), Database.count("SELECT count(*) FROM declarations "
                + "WHERE gate_code = ? AND slot_start = ? AND status IN ('BOOKED', 'CHECKED_IN', 'CALLED', 'RELEASED', 'EXITED')",
                gate, day.with(java.time.LocalTime.parse(time))), "slot " + time));
        GateOnboardingTest.book(gate, day.withHour(13)).then().statusCode(400)
                .body("errors[0].message", containsString("Holiday across the border"));
        // Capacity exact afterwards: 11:00 is full in the ledger as in PostgreSQL.
        GateOnboardingTest.book(gate, day.withHour(11)).then().statusCode(409).body("type", containsString("slot-full"));
        String closure = given().when().get("/api/v1/gates/" + gate).then().statusCode(200)
                .body("closures", hasSize(1)).body("closures[0].reasonEn", equalTo("Holiday across the border"))
                .extract().path("closures[0].id");

        given().auth().oauth2(GateOnboardingTest.QUANG_NINH_ADMIN).when().delete("/api/v1/gates/" + gate + "/closures/" + closure)
                .then().statusCode(403);
        given().auth().oauth2(ADMIN).when().delete("/api/v1/gates/" + gate + "/closures/" + closure).then().statusCode(204);
        given().auth().oauth2(ADMIN).when().delete("/api/v1/gates/" + gate + "/closures/" + closure).then().statusCode(404);
        assertTrue(bookedPerSlot(gate, day).containsKey("13:00"), "reopened early: offered again");
        book(gate, day.withHour(13));
        given().auth().oauth2(Tokens.role("auditor")).when().get("/api/v1/audit/gates/" + gate).then().statusCode(200)
                .body("change", equalTo(List.of("CREATED", "CLOSED", "REOPENED")))
                .body("[1].after.moved", equalTo(3));
    }

    @Test
    void withNoOpenSlotLeftTheGateCancelsTheBookingAndSaysWhy() {
        String gate = gate(1, 1, "09:00", "10:00"); // one slot a day, one place
        OffsetDateTime tomorrow = Fixtures.slot(1, 9);
        String inside = book(gate, tomorrow);
        // Today's slot, if it is still ahead, is taken too: nowhere is left to move to.
        GateOnboardingTest.book(gate, Fixtures.slot(0, 9));

        close(ADMIN, gate, tomorrow, tomorrow.plusHours(1)).then().statusCode(201)
                .body("movedCount", equalTo(0)).body("cancelledCount", equalTo(1));

        given().auth().oauth2(GateOnboardingTest.FIRM).when().get("/api/v1/declarations/" + inside).then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(1, events(inside, "CANCELLED"));
        assertEquals("gate-closed", Database.text("SELECT reason FROM declaration_events WHERE declaration_id = ?::uuid "
                + "AND type = 'CANCELLED'", inside));
    }

    @Test
    void aClosureNeedsItsTimesAndItsReasonInBothLanguages() {
        String gate = gate(2, 3, "07:00", "17:00");
        OffsetDateTime day = Fixtures.slot(1, 9);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("from", day.toString(), "to", day.minusHours(1).toString(), "reason", Map.of("vi", "Lũ")))
                .when().post("/api/v1/gates/" + gate + "/closures").then().statusCode(400)
                .body("errors.field", equalTo(List.of("to", "reason")));
        given().when().get("/api/v1/gates/" + gate).then().body("closures", hasSize(0));
    }

    /** The last day that can have a ledger: the day that opens next, for the 7-day horizon of these gates. */
    static LocalDate lastLedgerDay() {
        return Fixtures.today().plusDays(8);
    }

    /** Ledger rows in PostgreSQL of the gate's days after {@code day}. */
    static long ledgerRowsAfter(String gate, LocalDate day) {
        return Database.count("SELECT count(*) FROM ledger_epochs WHERE gate_code = ? AND day > ?", gate, day);
    }

    /** Redis keys ({@code bg:{GATE:day}:...}) of the gate's days after {@code day}. */
    long ledgerKeysAfter(String gate, LocalDate day) {
        String prefix = "bg:{" + gate + ":";
        return redis.key().keys(prefix + "2*").stream()
                .map(key -> LocalDate.parse(key.substring(prefix.length(), prefix.length() + 10)))
                .filter(keyDay -> keyDay.isAfter(day)).count();
    }

    @Test
    void aClosureYearsAheadIsRefusedNamingTheAllowedRangeAndLocksAndWritesNothing() {
        String gate = gate(2, 7, "07:00", "17:00");
        OffsetDateTime far = Fixtures.slot(0, 13).plusYears(3);

        close(ADMIN, gate, far, far.plusHours(2)).then().statusCode(400)
                .body("type", endsWith("/problems/validation"))
                .body("errors.field", equalTo(List.of("to")))
                .body("errors[0].message", containsString(Fixtures.today().plusDays(366).toString()));

        assertEquals(0, ledgerRowsAfter(gate, lastLedgerDay()), "no ledger row for a day outside the horizon");
        assertEquals(0, ledgerKeysAfter(gate, lastLedgerDay()), "no Redis key for a day outside the horizon");
        given().when().get("/api/v1/gates/" + gate).then().body("closures", hasSize(0));
    }

    @Test
    void aClosureBeyondTheBookingHorizonIsRecordedButBuildsNoLedgerForItsDays() {
        String gate = gate(2, 7, "07:00", "17:00");
        OffsetDateTime day = Fixtures.slot(30, 0);

        close(ADMIN, gate, day.withHour(13), day.withHour(15)).then().statusCode(201);

        assertEquals(0, ledgerRowsAfter(gate, lastLedgerDay()), "days not yet open for booking have no ledger row");
        assertEquals(0, ledgerKeysAfter(gate, lastLedgerDay()), "nor Redis keys");
        given().when().get("/api/v1/gates/" + gate).then().body("closures", hasSize(1));
    }

    @Test
    void aClosureStartingBeforeTheGatesTodayIsRefused() {
        String gate = gate(2, 7, "07:00", "17:00");
        OffsetDateTime yesterday = Fixtures.slot(-1, 13);

        close(ADMIN, gate, yesterday, yesterday.plusDays(2)).then().statusCode(400)
                .body("errors.field", equalTo(List.of("from")))
                .body("errors[0].message", containsString(Fixtures.today().toString()));
        given().when().get("/api/v1/gates/" + gate).then().body("closures", hasSize(0));
    }

    @Test
    void timesAtTheEndsOfTheCalendarAreABadRequestNotAnError() {
        String gate = gate(2, 7, "07:00", "17:00");
        close(ADMIN, gate, "+999999999-12-31T21:00:00-18:00", "+999999999-12-31T23:00:00-18:00").then().statusCode(400)
                .body("type", endsWith("/problems/validation"));
        close(ADMIN, gate, "-999999999-01-01T00:00:00+18:00", "-999999999-01-01T02:00:00+18:00").then().statusCode(400)
                .body("type", endsWith("/problems/validation"));
        given().when().get("/api/v1/gates/" + gate).then().body("closures", hasSize(0));
    }

    @Test
    void aProvinceAdminLearnsHowManyBookingsMovedButNotWhichFirmsBookingsTheyAre() {
        String gate = gate(1, 7, "07:00", "17:00");
        OffsetDateTime day = Fixtures.slot(2, 0);
        String inside = book(gate, day.withHour(13));
        String reference = given().auth().oauth2(GateOnboardingTest.FIRM).when().get("/api/v1/declarations/" + inside)
                .then().statusCode(200).extract().path("reference");

        String answer = close(ADMIN, gate, day.withHour(13), day.withHour(14)).then().statusCode(201)
                .body("movedCount", equalTo(1)).body("cancelledCount", equalTo(0))
                .body("moved", hasSize(0)).body("cancelled", hasSize(0))
                .extract().asString();
        assertFalse(answer.contains(inside), answer);
        assertFalse(answer.contains(reference), answer);
        // The owner hears of it instead, through the declaration's events.
        assertEquals(1, events(inside, "SLOT_MOVED"));

        // A national admin may read every booking: its answer names them.
        String second = book(gate, day.withHour(10));
        close(Tokens.role("admin"), gate, day.withHour(10), day.withHour(11)).then().statusCode(201)
                .body("movedCount", equalTo(1)).body("moved.id", equalTo(List.of(second)))
                .body("moved[0].from", not(equalTo(null)));
    }
}
