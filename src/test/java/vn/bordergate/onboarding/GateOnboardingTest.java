package vn.bordergate.onboarding;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PublishedContract;
import vn.bordergate.support.Tokens;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * A province onboards a gate through the API, with no release: it takes bookings at once, its admins change
 * or deactivate it without stranding a booking, other provinces' admins cannot touch it, auditors see every
 * change.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class GateOnboardingTest {

    static final String LAO_CAI_ADMIN = Tokens.provinceAdmin("LAO_CAI");
    static final String QUANG_NINH_ADMIN = Tokens.provinceAdmin("QUANG_NINH");
    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    /** A gate of Lào Cai as its admin would send it, with a code and prefix of its own (tests share a database). */
    static Map<String, Object> batXat(String code, String prefix) {
        Map<String, Object> gate = new HashMap<>();
        gate.put("code", code);
        gate.put("name", "Bát Xát");
        gate.put("provinceCode", "LAO_CAI");
        gate.put("referencePrefix", prefix);
        gate.put("international", false);
        gate.put("timeZone", "Asia/Ho_Chi_Minh");
        gate.put("slotMinutes", 60);
        gate.put("bookingHorizonDays", 7);
        gate.put("exportCapacity", 10);
        gate.put("importCapacity", 10);
        gate.put("openingHours", List.of(Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                "SATURDAY"), "opensAt", "07:00", "closesAt", "17:00")));
        return gate;
    }

    static String newCode() {
        return "BX_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
    }

    static String newPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            prefix.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return prefix.toString();
    }

    static String onboard(String token) {
        String code = newCode();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(batXat(code, newPrefix()))
                .when().post("/api/v1/gates").then().statusCode(201);
        return code;
    }

    static Response patch(String token, String code, Map<String, Object> change) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(change)
                .when().patch("/api/v1/gates/" + code);
    }

    static Response book(String gate, OffsetDateTime slot) {
        return given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Fixtures.declaration(gate, "EXPORT", slot)).when().post("/api/v1/declarations");
    }

    /** The next weekday (not Sunday) at {@code hour} in Vietnam, at least a day ahead. */
    static OffsetDateTime nextWorkingDayAt(int hour) {
        OffsetDateTime slot = Fixtures.slot(1, hour);
        return slot.getDayOfWeek() == DayOfWeek.SUNDAY ? slot.plusDays(1) : slot;
    }

    @Test
    void aProvinceAdminOnboardsAGateOfItsProvinceAndItTakesABookingAtOnce() {
        String code = newCode();
        String prefix = newPrefix();
        given().auth().oauth2(LAO_CAI_ADMIN).contentType(ContentType.JSON).body(batXat(code, prefix))
                .when().post("/api/v1/gates").then().statusCode(201)
                .header("Location", containsString("/api/v1/gates/" + code))
                .body("code", equalTo(code)).body("provinceCode", equalTo("LAO_CAI")).body("province", equalTo("Lào Cai"))
                .body("referencePrefix", equalTo(prefix)).body("active", equalTo(true))
                .body("exportCapacity", equalTo(10)).body("openingHours[0].opensAt", equalTo("07:00"))
                .body("openingHours[0].days", hasSize(6));

        given().when().get("/api/v1/gates/" + code).then().statusCode(200).body("name", equalTo("Bát Xát"))
                .body("openingHours[0].closesAt", equalTo("17:00"));
        book(code, nextWorkingDayAt(9)).then().statusCode(201).body("reference", startsWith(prefix + "-"));
    }

    @Test
    void aGateIsClosedOnTheWeekdaysItsHoursDoNotName() {
        String code = onboard(LAO_CAI_ADMIN);
        OffsetDateTime sunday = Fixtures.slot(1, 9).with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
        if (sunday.isAfter(Fixtures.slot(7, 9))) {
            sunday = sunday.minusWeeks(1);
        }
        book(code, sunday).then().statusCode(400).body("errors[0].field", equalTo("slotStart"))
                .body("errors[0].message", containsString("closed"));
        given().queryParam("direction", "EXPORT").queryParam("date", sunday.toLocalDate().toString())
                .when().get("/api/v1/gates/" + code + "/slots").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aProvinceAdminCannotTouchAnotherProvincesGates() {
        String laoCai = onboard(LAO_CAI_ADMIN);

        given().auth().oauth2(QUANG_NINH_ADMIN).contentType(ContentType.JSON).body(batXat(newCode(), newPrefix()))
                .when().post("/api/v1/gates").then().statusCode(403).body("title", equalTo("Not your province"));
        patch(QUANG_NINH_ADMIN, laoCai, Map.of("name", "Taken over")).then().statusCode(403);
        patch(QUANG_NINH_ADMIN, laoCai, Map.of("active", false)).then().statusCode(403);
        patch(LAO_CAI_ADMIN, "HUU_NGHI", Map.of("exportCapacity", 1)).then().statusCode(403);
        // Nor move its own gate into a province it does not administer.
        patch(LAO_CAI_ADMIN, laoCai, Map.of("provinceCode", "QUANG_NINH")).then().statusCode(403);
        given().auth().oauth2(QUANG_NINH_ADMIN).when().get("/api/v1/audit/gates/" + laoCai).then().statusCode(403);
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(batXat(newCode(), newPrefix()))
                .when().post("/api/v1/gates").then().statusCode(403);
        given().contentType(ContentType.JSON).body(batXat(newCode(), newPrefix()))
                .when().post("/api/v1/gates").then().statusCode(401);
        given().when().get("/api/v1/gates/" + laoCai).then().statusCode(200).body("name", equalTo("Bát Xát"))
                .body("active", equalTo(true)).body("provinceCode", equalTo("LAO_CAI"));
    }

    @Test
    void aDeactivatedGateTakesNoNewBookingAndKeepsTheOnesItHas() {
        String code = onboard(LAO_CAI_ADMIN);
        String booked = book(code, nextWorkingDayAt(9)).then().statusCode(201).extract().path("id");

        patch(LAO_CAI_ADMIN, code, Map.of("active", false)).then().statusCode(200).body("active", equalTo(false));

        book(code, nextWorkingDayAt(10)).then().statusCode(409).body("type", containsString("gate-inactive"));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + booked).then().statusCode(200)
                .body("status", equalTo("BOOKED"));
        patch(LAO_CAI_ADMIN, code, Map.of("active", true)).then().statusCode(200);
        book(code, nextWorkingDayAt(10)).then().statusCode(201);
    }

    @Test
    void aChangeThatWouldStrandABookingOrOverfillASlotIsRefusedAndChangesNothing() {
        String code = onboard(LAO_CAI_ADMIN);
        OffsetDateTime ten = nextWorkingDayAt(10);
        book(code, ten).then().statusCode(201);
        book(code, ten).then().statusCode(201);

        // 120-minute slots start at 07, 09, 11...: the 10:00 booking would be in none.
        Response stranding = patch(LAO_CAI_ADMIN, code, Map.of("slotMinutes", 120));
        stranding.then().statusCode(409).body("type", containsString("gate-change-strands-bookings"))
                .body("slotsWithoutPlace[0]", containsString("2 booked"));
        PublishedContract.assertDocumented("PATCH", "/api/v1/gates/" + code, stranding);
        patch(LAO_CAI_ADMIN, code, Map.of("openingHours", List.of(Map.of("days", List.of("MONDAY", "TUESDAY",
                "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"), "opensAt", "07:00", "closesAt", "09:00"))))
                .then().statusCode(409);
        Response overfilling = patch(LAO_CAI_ADMIN, code, Map.of("exportCapacity", 1));
        overfilling.then().statusCode(409).body("slotsOverCapacity[0]", containsString("2 booked, capacity 1"));
        PublishedContract.assertDocumented("PATCH", "/api/v1/gates/" + code, overfilling);
        given().when().get("/api/v1/gates/" + code).then().body("slotMinutes", equalTo(60)).body("exportCapacity", equalTo(10));

        // What leaves every booking in a slot with room applies at once, to the slots and the ledger.
        patch(LAO_CAI_ADMIN, code, Map.of("exportCapacity", 2, "name", "Bát Xát (mở rộng)")).then().statusCode(200)
                .body("exportCapacity", equalTo(2));
        given().queryParam("direction", "EXPORT").queryParam("date", ten.toLocalDate().toString())
                .when().get("/api/v1/gates/" + code + "/slots").then().statusCode(200)
                .body("find { it.booked == 2 }.capacity", equalTo(2))
                .body("find { it.booked == 2 }.available", equalTo(0));
        book(code, ten).then().statusCode(409).body("type", containsString("slot-full"));
    }

    @Test
    void everyChangeIsAuditedWithWhoWhenAndBeforeAndAfter() {
        String code = onboard(LAO_CAI_ADMIN);
        patch(LAO_CAI_ADMIN, code, Map.of("name", "Bát Xát II")).then().statusCode(200);

        given().auth().oauth2(Tokens.role("auditor")).when().get("/api/v1/audit/gates/" + code).then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].change", equalTo("CREATED")).body("[0].before", nullValue())
                .body("[0].after.name", equalTo("Bát Xát")).body("[0].actorRole", equalTo("province-admin"))
                .body("[0].actor", equalTo("province-admin-LAO_CAI"))
                .body("[1].change", equalTo("CHANGED")).body("[1].before.name", equalTo("Bát Xát"))
                .body("[1].after.name", equalTo("Bát Xát II"));
        given().auth().oauth2(LAO_CAI_ADMIN).when().get("/api/v1/audit/gates/" + code).then().statusCode(200);
        given().auth().oauth2(FIRM).when().get("/api/v1/audit/gates/" + code).then().statusCode(403);

        // A slot capacity set by a supervisor is a change of the gate too.
        OffsetDateTime nine = nextWorkingDayAt(9);
        given().auth().oauth2(Tokens.officer("gate-supervisor", code)).contentType(ContentType.JSON)
                .body(Map.of("direction", "EXPORT", "from", nine.toString(), "to", nine.plusHours(1).toString(),
                        "capacityPerSlot", 4))
                .when().put("/api/v1/gates/" + code + "/capacity").then().statusCode(200);
        given().auth().oauth2(Tokens.role("auditor")).when().get("/api/v1/audit/gates/" + code).then().statusCode(200)
                .body("$", hasSize(3)).body("[2].change", equalTo("CAPACITY_SET"))
                .body("[2].actorRole", equalTo("gate-supervisor")).body("[2].after.capacityPerSlot", equalTo(4))
                .body("[2].before.capacityPerSlot.values()", hasItem(10));
    }

    @Test
    void badConfigurationIsRefusedFieldByFieldAndATakenCodeOrPrefixIsAConflict() {
        Map<String, Object> bad = batXat("bat xat", "bx1");
        bad.put("slotMinutes", 45);
        bad.put("timeZone", "Mars/Olympus");
        bad.put("openingHours", List.of(Map.of("days", List.of("MONDAY"), "opensAt", "17:00", "closesAt", "07:00")));
        given().auth().oauth2(LAO_CAI_ADMIN).contentType(ContentType.JSON).body(bad)
                .when().post("/api/v1/gates").then().statusCode(400)
                .body("errors.field", hasItem("code")).body("errors.field", hasItem("referencePrefix"))
                .body("errors.field", hasItem("slotMinutes")).body("errors.field", hasItem("timeZone"))
                .body("errors.field", hasItem("openingHours[0]"));

        Map<String, Object> unknownProvince = batXat(newCode(), newPrefix());
        unknownProvince.put("provinceCode", "ATLANTIS");
        given().auth().oauth2(Tokens.role("admin")).contentType(ContentType.JSON).body(unknownProvince)
                .when().post("/api/v1/gates").then().statusCode(400).body("errors[0].field", equalTo("provinceCode"));

        given().auth().oauth2(LAO_CAI_ADMIN).contentType(ContentType.JSON).body(batXat("KIM_THANH", newPrefix()))
                .when().post("/api/v1/gates").then().statusCode(409).body("type", containsString("gate-exists"));
        given().auth().oauth2(LAO_CAI_ADMIN).contentType(ContentType.JSON).body(batXat(newCode(), "KT"))
                .when().post("/api/v1/gates").then().statusCode(409);
    }

    @Test
    void anAdminAddsAProvinceWhoseAdminThenOnboardsItsFirstGate() {
        String province = "P_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        given().auth().oauth2(LAO_CAI_ADMIN).contentType(ContentType.JSON).body(Map.of("code", province, "name", "Cao Bằng"))
                .when().post("/api/v1/provinces").then().statusCode(403);
        given().auth().oauth2(Tokens.role("admin")).contentType(ContentType.JSON).body(Map.of("code", province, "name", "Cao Bằng"))
                .when().post("/api/v1/provinces").then().statusCode(201);
        given().when().get("/api/v1/provinces").then().statusCode(200).body("code", hasItem(province));

        Map<String, Object> gate = batXat(newCode(), newPrefix());
        gate.put("provinceCode", province);
        given().auth().oauth2(Tokens.provinceAdmin(province)).contentType(ContentType.JSON).body(gate)
                .when().post("/api/v1/gates").then().statusCode(201).body("province", equalTo("Cao Bằng"));
    }
}
