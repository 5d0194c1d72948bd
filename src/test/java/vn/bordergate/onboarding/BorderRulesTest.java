package vn.bordergate.onboarding;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Border rules as data, set by a province admin: a declaration window (China's side takes an export
 * pre-declaration only 3 days ahead) and category stops (fresh fruit stopped while the other side's yards are
 * full), each refusing with the rule named, taking effect and ending at its period's edges, previewed before it
 * is set, ended early, and every change in the gate's change log.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class BorderRulesTest {

    static final String ADMIN = Tokens.provinceAdmin("LANG_SON");
    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    static Map<String, Object> reason() {
        return Map.of("vi", "Phía bạn chỉ nhận khai báo trước 3 ngày", "en", "The partner side takes pre-declarations 3 days ahead");
    }

    static Response set(String gate, Map<String, Object> rule) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(rule).when().post("/api/v1/gates/" + gate + "/rules");
    }

    @SuppressWarnings("unchecked")
    static Response declare(String gate, String direction, OffsetDateTime slot, String category, String hsCode) {
        Map<String, Object> body = new HashMap<>(Fixtures.declaration(gate, direction, slot));
        Map<String, Object> cargo = new HashMap<>((Map<String, Object>) body.get("cargo"));
        cargo.put("category", category);
        cargo.put("hsCode", hsCode);
        body.put("cargo", cargo);
        return Api.declare(FIRM, body);
    }

    static Map<String, Object> fruitStop(OffsetDateTime from, OffsetDateTime until) {
        return Map.of("kind", "CATEGORY_STOP", "direction", "EXPORT", "validFrom", Fixtures.iso(from),
                "validUntil", Fixtures.iso(until), "categories", List.of("FRESH_FRUIT"), "hsPrefixes", List.of("0810"),
                "reason", Map.of("vi", "Bãi phía bạn đã đầy", "en", "The other side's yards are full"));
    }

    @Test
    void aDeclarationWindowRefusesASlotTooFarAheadAndNamesItsRule() {
        String gate = Gates.onboard("Cửa khẩu cửa sổ khai báo", 5);
        String rule = set(gate, Map.of("kind", "DECLARATION_WINDOW", "direction", "EXPORT", "maxDaysAhead", 3,
                "validFrom", Fixtures.iso(OffsetDateTime.now().minusMinutes(1)), "reason", reason()))
                .then().statusCode(201).body("inForce", equalTo(true)).extract().path("id");

        declare(gate, "EXPORT", Fixtures.slot(5, 10), "GENERAL", "847130").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/outside-declaration-window"))
                .body("rule", equalTo(rule))
                .body("detail", org.hamcrest.Matchers.containsString("Phía bạn chỉ nhận khai báo trước 3 ngày"));
        declare(gate, "EXPORT", Fixtures.slot(2, 10), "GENERAL", "847130").then().statusCode(201);
        // The rule speaks of exports only.
        declare(gate, "IMPORT", Fixtures.slot(5, 10), "GENERAL", "847130").then().statusCode(201);
        // Anyone reads the rules, in Vietnamese and English.
        given().when().get("/api/v1/gates/" + gate + "/rules").then().statusCode(200)
                .body("id", hasItem(rule)).body("find { it.id == '" + rule + "' }.reason.en",
                        equalTo("The partner side takes pre-declarations 3 days ahead"));
    }

    @Test
    void aCategoryStopHoldsFromTheFirstSlotOfItsPeriodAndNotForTheSlotAtItsEnd() {
        String gate = Gates.onboard("Cửa khẩu dừng hoa quả", 5);
        OffsetDateTime ten = Fixtures.slot(2, 10);
        OffsetDateTime twelve = Fixtures.slot(2, 12);
        String rule = set(gate, fruitStop(ten, twelve)).then().statusCode(201).extract().path("id");

        declare(gate, "EXPORT", ten, "FRESH_FRUIT", "081090").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/category-stopped")).body("rule", equalTo(rule));
        declare(gate, "EXPORT", Fixtures.slot(2, 11), "FRESH_FRUIT", "081090").then().statusCode(409);
        // General cargo whose HS code is fruit's is fruit.
        declare(gate, "EXPORT", Fixtures.slot(2, 11), "GENERAL", "081050").then().statusCode(409);
        // The slot at the period's end, other cargo, the other direction: taken.
        declare(gate, "EXPORT", twelve, "FRESH_FRUIT", "081090").then().statusCode(201);
        declare(gate, "EXPORT", ten, "GENERAL", "847130").then().statusCode(201);
        declare(gate, "IMPORT", ten, "FRESH_FRUIT", "081090").then().statusCode(201);
        // The slot before the period starts: taken.
        declare(gate, "EXPORT", Fixtures.slot(2, 9), "FRESH_FRUIT", "081090").then().statusCode(201);
    }

    @Test
    void anAmendmentCannotTakeATripIntoAStopAndAChangeOfDriverAloneIsNotJudged() {
        String gate = Gates.onboard("Cửa khẩu sửa khai báo", 5);
        OffsetDateTime ten = Fixtures.slot(2, 10);
        OffsetDateTime eight = Fixtures.slot(2, 8);
        String general = declare(gate, "EXPORT", ten, "GENERAL", "847130").then().statusCode(201).extract().path("id");
        String fruit = declare(gate, "EXPORT", eight, "FRESH_FRUIT", "081090").then().statusCode(201).extract().path("id");
        set(gate, fruitStop(ten, Fixtures.slot(2, 12))).then().statusCode(201).body("movedCount", equalTo(0));

        Map<String, Object> fruitCargo = new HashMap<>(castMap(Fixtures.declaration(gate, "EXPORT", ten).get("cargo")));
        amend(general, Map.of("cargo", fruitCargo)).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/category-stopped"));
        amend(fruit, Map.of("slotStart", Fixtures.iso(Fixtures.slot(2, 11)))).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/category-stopped"));
        // Nothing changed by the refusals; the fruit truck's driver can still be changed.
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + general).then().statusCode(200)
                .body("cargo.category", equalTo("GENERAL")).body("version", equalTo(1));
        Map<String, Object> driver = new HashMap<>(castMap(Fixtures.declaration(gate, "EXPORT", eight).get("driver")));
        driver.put("fullName", "Trần Văn Bảy");
        amend(fruit, Map.of("driver", driver)).then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    static Response amend(String id, Map<String, Object> body) {
        int version = given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().extract().path("version");
        return given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(body).when().patch("/api/v1/declarations/" + id);
    }

    @Test
    void aStopIsPreviewedBeforeItIsSetAndEndedEarlyWithEveryChangeLogged() {
        String gate = Gates.onboard("Cửa khẩu xem trước", 5);
        OffsetDateTime ten = Fixtures.slot(3, 10);
        Response fruitBooked = declare(gate, "EXPORT", ten, "FRESH_FRUIT", "081090");
        String fruit = fruitBooked.then().statusCode(201).extract().path("reference");
        String fruitId = fruitBooked.path("id");
        String general = declare(gate, "EXPORT", ten, "GENERAL", "847130").then().statusCode(201).extract().path("id");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(fruitStop(ten, Fixtures.slot(3, 14)))
                .when().post("/api/v1/gates/" + gate + "/rules/preview")
                .then().statusCode(200).body("bookedAffected", equalTo(1)).body("references", equalTo(List.of(fruit)));
        given().when().get("/api/v1/gates/" + gate + "/rules").then().statusCode(200).body("$", hasSize(0));

        // An earlier stop of fruit from 07:00 (the gate opens) to 10:00 is in force too. Setting this one moves the
        // fruit truck out of its period to the open slot nearest its own that no stop of fruit holds: 14:00, not 09:00.
        set(gate, fruitStop(Fixtures.slot(3, 7), ten)).then().statusCode(201).body("movedCount", equalTo(0));
        String rule = set(gate, fruitStop(ten, Fixtures.slot(3, 14))).then().statusCode(201)
                .body("movedCount", equalTo(1)).body("cancelledCount", equalTo(0)).extract().path("id");
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + fruitId).then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("slot.start", equalTo(Fixtures.iso(Fixtures.slot(3, 14))));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + fruitId + "/events").then().statusCode(200)
                .body("type", hasItem("SLOT_MOVED"));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + general).then().statusCode(200)
                .body("slot.start", equalTo(Fixtures.iso(ten)));
        declare(gate, "EXPORT", Fixtures.slot(3, 11), "FRESH_FRUIT", "081090").then().statusCode(409);
        given().auth().oauth2(ADMIN).when().delete("/api/v1/gates/" + gate + "/rules/" + rule).then().statusCode(204);
        declare(gate, "EXPORT", Fixtures.slot(3, 11), "FRESH_FRUIT", "081090").then().statusCode(201);
        given().auth().oauth2(ADMIN).when().delete("/api/v1/gates/" + gate + "/rules/" + rule).then().statusCode(404);

        given().auth().oauth2(Tokens.role("auditor")).when().get("/api/v1/audit/gates/" + gate).then().statusCode(200)
                .body("change", equalTo(List.of("CREATED", "RULE_SET", "RULE_SET", "RULE_ENDED")))
                .body("[2].after.rule", equalTo(rule)).body("[2].after.categories", equalTo(List.of("FRESH_FRUIT")))
                .body("[2].after.moved", equalTo(1))
                .body("[3].before.rule", equalTo(rule));
    }

    @Test
    void aTripBookedBeyondANewDeclarationWindowIsFlaggedToItsFirmAndTheOfficersUntilTheRuleEnds() {
        String gate = Gates.onboard("Cửa khẩu gắn cờ", 5);
        OffsetDateTime ten = Fixtures.slot(4, 10);
        String id = declare(gate, "EXPORT", ten, "FRESH_FRUIT", "081090").then().statusCode(201).extract().path("id");
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("containsKey('ruleFlags')", equalTo(false));

        String window = set(gate, Map.of("kind", "DECLARATION_WINDOW", "maxDaysAhead", 3,
                "validFrom", Fixtures.iso(OffsetDateTime.now().minusMinutes(1)), "reason", reason()))
                .then().statusCode(201).extract().path("id");

        // The booking stands; its firm and the gate's officers read why someone should act.
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("status", equalTo("BOOKED"))
                .body("ruleFlags.rule", equalTo(List.of(window)))
                .body("ruleFlags.kind", equalTo(List.of("outside-declaration-window")))
                .body("ruleFlags[0].vi", org.hamcrest.Matchers.containsString("Phía bạn chỉ nhận khai báo trước 3 ngày"));
        given().auth().oauth2(Tokens.officer("yard-officer", gate)).when().get("/api/v1/declarations/" + id)
                .then().statusCode(200).body("ruleFlags.kind", hasItem("outside-declaration-window"));

        given().auth().oauth2(ADMIN).when().delete("/api/v1/gates/" + gate + "/rules/" + window).then().statusCode(204);
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("containsKey('ruleFlags')", equalTo(false));
    }

    @Test
    void onlyTheProvincesAdminsSetRulesAndABadRuleChangesNothing() {
        String gate = Gates.onboard("Cửa khẩu quyền", 5);
        Map<String, Object> stop = fruitStop(Fixtures.slot(2, 10), Fixtures.slot(2, 12));
        given().auth().oauth2(Tokens.provinceAdmin("QUANG_NINH")).contentType(ContentType.JSON).body(stop)
                .when().post("/api/v1/gates/" + gate + "/rules").then().statusCode(403);
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(stop)
                .when().post("/api/v1/gates/" + gate + "/rules").then().statusCode(403);

        set(gate, Map.of("kind", "DECLARATION_WINDOW", "validFrom", Fixtures.iso(OffsetDateTime.now()), "reason", reason()))
                .then().statusCode(400).body("errors.field", hasItem("maxDaysAhead"));
        set(gate, Map.of("kind", "CATEGORY_STOP", "validFrom", Fixtures.iso(OffsetDateTime.now()), "reason", reason()))
                .then().statusCode(400).body("errors.field", hasItem("categories"));
        Map<String, Object> backwards = new HashMap<>(stop);
        backwards.put("validUntil", Fixtures.iso(Fixtures.slot(2, 9)));
        backwards.put("hsPrefixes", List.of("08a"));
        set(gate, backwards).then().statusCode(400).body("errors.field", hasItem("validUntil")).body("errors.field", hasItem("hsPrefixes"));

        given().when().get("/api/v1/gates/" + gate + "/rules").then().statusCode(200).body("$", hasSize(0));
    }
}
