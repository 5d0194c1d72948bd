package vn.bordergate.fee;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Fee schedules as data: a province admin sets a version from a day not yet begun, one in force never
 * changes, the version in force on a trip's day prices it, every declaration carries its fee and an
 * amendment prices it afresh.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class FeeSchedulesTest {

    static final String ADMIN = Tokens.role("admin");
    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    @Test
    void aProvinceAdminAddsAVersionFromTomorrowAndOnlyAnAdminOfThatProvinceMay() {
        String province = newProvince();
        LocalDate tomorrow = Fixtures.today().plusDays(1);
        String url = "/api/v1/provinces/" + province + "/fee-schedules/" + tomorrow;

        given().contentType(ContentType.JSON).body(schedule(100_000)).when().put(url).then().statusCode(401);
        given().auth().oauth2(Tokens.provinceAdmin("LAO_CAI")).contentType(ContentType.JSON).body(schedule(100_000))
                .when().put(url).then().statusCode(403);
        given().auth().oauth2(Tokens.role("enterprise")).contentType(ContentType.JSON).body(schedule(100_000))
                .when().put(url).then().statusCode(403);
        given().when().get("/api/v1/provinces/" + province + "/fee-schedules").then().statusCode(200)
                .body("size()", equalTo(0));

        given().auth().oauth2(Tokens.provinceAdmin(province)).contentType(ContentType.JSON).body(schedule(100_000))
                .when().put(url).then().statusCode(201).body("effectiveFrom", equalTo(tomorrow.toString()));
        given().auth().oauth2(Tokens.provinceAdmin(province)).contentType(ContentType.JSON).body(schedule(120_000))
                .when().put(url).then().statusCode(200);

        given().when().get("/api/v1/provinces/" + province + "/fee-schedules").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].rules[0].rateVnd", equalTo(120_000))
                .body("[0].province", equalTo(province));
        String gate = Gates.onboard("Trà Lĩnh", 5, province);
        given().auth().oauth2(ADMIN).when().get("/api/v1/audit/gates/" + gate).then().statusCode(200)
                .body("change", hasItem("FEE_SCHEDULE_SET"))
                .body("find { it.change == 'FEE_SCHEDULE_SET' && it.before != null }.after.schedule.rules[0].rateVnd",
                        equalTo(120_000));
    }

    @Test
    void aVersionWhoseDayHasBegunIsNeverChanged() {
        String before = Database.text("SELECT schedule::text FROM fee_schedules WHERE province_code = 'CAO_BANG' "
                + "AND effective_from = DATE '2020-01-01'");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(schedule(1))
                .when().put("/api/v1/provinces/CAO_BANG/fee-schedules/2020-01-01").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("schedule-in-force"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(schedule(1))
                .when().put("/api/v1/provinces/CAO_BANG/fee-schedules/" + Fixtures.today()).then().statusCode(409);
        assertEquals(before, Database.text("SELECT schedule::text FROM fee_schedules WHERE province_code = 'CAO_BANG' "
                + "AND effective_from = DATE '2020-01-01'"));
        assertEquals(0, Database.count("SELECT count(*) FROM fee_schedules WHERE province_code = 'CAO_BANG' "
                + "AND effective_from = ?::date", Fixtures.today().toString()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleWithBadBandsIsRefusedFieldByFieldAndNothingIsStored() {
        String province = newProvince();
        Map<String, Object> bad = schedule(-5);
        ((Map<String, Object>) ((List<?>) bad.get("rules")).get(0)).put("minTonnes", 20);
        ((Map<String, Object>) ((List<?>) bad.get("rules")).get(0)).put("maxTonnes", 10);
        bad.remove("resolution");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(bad)
                .when().put("/api/v1/provinces/" + province + "/fee-schedules/" + Fixtures.today().plusDays(3))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("resolution", "rules[0].rateVnd", "rules[0].maxTonnes")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(schedule(1))
                .when().put("/api/v1/provinces/" + province + "/fee-schedules/not-a-day").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(schedule(1))
                .when().put("/api/v1/provinces/NO_SUCH_PROVINCE/fee-schedules/" + Fixtures.today().plusDays(3))
                .then().statusCode(404);
        assertEquals(0, Database.count("SELECT count(*) FROM fee_schedules WHERE province_code = ?", province));
    }

    @Test
    void langSonHoldsOnlyThePublishedBandsAndQuotesTheRestUnpriced() {
        given().when().get("/api/v1/provinces/LANG_SON/fee-schedules").then().statusCode(200)
                .body("[0].resolution", equalTo("09/2025/NQ-HĐND")).body("[0].partial", equalTo(true));

        Map<String, Object> smallVegetables = draft("HUU_NGHI", "EXPORT", "TRUCK", 1500, "ORDINARY_TRADE", "FARM", null);
        assertEquals(100_000, CaoBangFeesTest.quote(smallVegetables).getLong("amountVnd"));

        JsonPath unpriced = CaoBangFeesTest.quote(draft("HUU_NGHI", "EXPORT", "TRUCK", 10_000, "ORDINARY_TRADE", "OTHER", null));
        assertEquals("UNPRICED", unpriced.getString("status"));
        assertNull(unpriced.get("amountVnd"));
        assertEquals(true, unpriced.getString("unpricedBecause").contains("only in part"));

        // Goods only transferred at the wharf pay 30 % of the band.
        JsonPath wharf = CaoBangFeesTest.quote(draft("HUU_NGHI", "IMPORT", "CONTAINER_40", 20_000,
                "TEMPORARY_IMPORT_REEXPORT", "FARM", "WHARF_ONLY"));
        assertEquals(1_200_000, wharf.getLong("amountVnd"));
        assertEquals(List.of(4_000_000, -2_800_000), wharf.getList("lines.amountVnd"));
    }

    @Test
    void multipliersApplyOneAfterTheOtherToTheBandsAmount() {
        String province = newProvince();
        Map<String, Object> rates = schedule(100_000);
        rates.put("multipliers", List.of(
                Map.of("name", "Khoáng sản", "goodsGroups", List.of("ORE"), "percent", 500),
                Map.of("name", "Giao nội địa", "deliveries", List.of("INLAND"), "directions", List.of("IMPORT"), "percent", 130)));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(rates)
                .when().put("/api/v1/provinces/" + province + "/fee-schedules/" + Fixtures.today().plusDays(1))
                .then().statusCode(201);
        String gate = Gates.onboard("Cốc Nam", 5, province);
        Map<String, Object> ore = draft(gate, "IMPORT", "TRUCK", 10_000, "ORDINARY_TRADE", "ORE", "INLAND");
        ore.put("slotStart", Fixtures.iso(Fixtures.slot(1, 9)));
        JsonPath fee = CaoBangFeesTest.quote(ore);
        // 10 t at 100,000 = 1,000,000; × 5 = 5,000,000; × 130 % = 6,500,000.
        assertEquals(6_500_000, fee.getLong("amountVnd"));
        assertEquals(List.of(1_000_000, 4_000_000, 1_500_000), fee.getList("lines.amountVnd"));

        // Today no version is in force yet.
        ore.put("slotStart", Fixtures.iso(Fixtures.slot(0, 18)));
        assertEquals("UNPRICED", CaoBangFeesTest.quote(ore).getString("status"));
    }

    @Test
    void everyDeclarationCarriesItsFeeAndAnAmendmentPricesItAfresh() {
        String gate = Gates.onboard("Tà Lùng", 5, "CAO_BANG");
        Map<String, Object> body = Fixtures.declaration(gate, "EXPORT", Fixtures.slot(1, 10));  // farm export, 18.5 t
        String id = Api.declare(FIRM, body).then().statusCode(201)
                .body("fee.amountVnd", equalTo(462_500)).body("fee.province", equalTo("CAO_BANG"))
                .extract().path("id");
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("fee.amountVnd", equalTo(462_500));

        Map<String, Object> cargo = Map.of("category", "GENERAL", "description", "Máy móc", "grossWeightKg", 9000,
                "customsDeclarationNumbers", List.of("305123456780"));
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("cargo", cargo)).when().patch("/api/v1/declarations/" + id).then().statusCode(200)
                .body("fee.amountVnd", equalTo(900_000));
        given().auth().oauth2(FIRM).queryParam("gate", gate).when().get("/api/v1/declarations").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.fee.amountVnd", equalTo(900_000));
    }

    @Test
    void aQuoteIsForSignedInCallersNeedsOnlyWhatTheFeeReadsAndRefusesTheRestClearly() {
        Map<String, Object> draft = new HashMap<>(Map.of("gateCode", "HUU_NGHI", "direction", "EXPORT",
                "cargo", Map.of("category", "FRESH_FRUIT", "grossWeightKg", 1200)));
        given().contentType(ContentType.JSON).body(draft).when().post("/api/v1/fees/quote").then().statusCode(401);
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(draft).when().post("/api/v1/fees/quote")
                .then().statusCode(200).body("amountVnd", equalTo(100_000));
        draft.put("cargo", Map.of("category", "FRESH_FRUIT", "grossWeightKg", 0));
        draft.remove("direction");
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(draft).when().post("/api/v1/fees/quote")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("direction", "cargo.grossWeightKg")));
        draft.put("direction", "EXPORT");
        draft.put("gateCode", "NO_SUCH_GATE");
        draft.put("cargo", Map.of("category", "FRESH_FRUIT", "grossWeightKg", 1200));
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(draft).when().post("/api/v1/fees/quote")
                .then().statusCode(400).body("errors.field", equalTo(List.of("gateCode")));
    }

    static String newProvince() {
        String code = "F_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("code", code, "name", "Tỉnh thử"))
                .when().post("/api/v1/provinces").then().statusCode(201);
        return code;
    }

    /** One band: every load at {@code ratePerTonne} VND a tonne. */
    static Map<String, Object> schedule(long ratePerTonne) {
        Map<String, Object> rule = new HashMap<>(Map.of("name", "Mọi hàng hoá", "basis", "PER_TONNE", "rateVnd", ratePerTonne));
        return new HashMap<>(Map.of("resolution", "01/2027/NQ-HĐND", "rules", List.of(rule)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> draft(String gate, String direction, String vehicleKind, int kg, String regime,
                                     String group, String delivery) {
        Map<String, Object> body = Fixtures.declaration(gate, direction, null);
        ((Map<String, Object>) body.get("vehicle")).put("kind", vehicleKind);
        Map<String, Object> cargo = (Map<String, Object>) body.get("cargo");
        cargo.put("grossWeightKg", kg);
        Map<String, Object> trade = CaoBangFeesTest.trade(regime, group, null);
        if (delivery != null) {
            trade.put("delivery", delivery);
        }
        cargo.put("trade", trade);
        return body;
    }
}
