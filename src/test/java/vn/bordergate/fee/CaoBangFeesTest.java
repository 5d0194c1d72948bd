package vn.bordergate.fee;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cao Bằng's Resolution 39/2019/NQ-HĐND as seeded: a quote for a load in each band of the table, priced by
 * hand here from the resolution's rates, through {@code POST /api/v1/fees/quote} at a Cao Bằng gate.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class CaoBangFeesTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);
    static String gate;

    @BeforeEach
    void aCaoBangGate() {
        if (gate == null) {
            gate = Gates.onboard("Tà Lùng", 10, "CAO_BANG");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} kg -> {5} VND")
    @CsvSource({
            // regime, direction, goods group, vehicle, kg, VND
            "TRANSIT, IMPORT, FUEL, TRUCK, 30000, 2100000",                         // 70,000/t
            "TEMPORARY_IMPORT_REEXPORT, IMPORT, FARM, CONTAINER_40, 12000, 5500000",  // farm, 40 ft
            "TEMPORARY_IMPORT_REEXPORT, IMPORT, FARM, TRUCK, 19000, 5500000",         // farm, 18 t or more
            "TEMPORARY_IMPORT_REEXPORT, IMPORT, FARM, TRUCK, 18000, 5500000",         // 18 t is the upper band
            "BONDED, EXPORT, FARM, CONTAINER_20, 8000, 4500000",                      // farm, 20 ft
            "TEMPORARY_IMPORT_REEXPORT, IMPORT, FARM, TRUCK, 10000, 4500000",         // farm, 10 to under 18 t
            "TRANSIT, IMPORT, FARM, TRUCK, 8500, 850000",                             // farm, other: 100,000/t
            "TEMPORARY_IMPORT_REEXPORT, IMPORT, OTHER, CONTAINER_40, 25000, 6500000",
            "BONDED, IMPORT, OTHER, CONTAINER_20, 25000, 5500000",
            "TRANSIT, EXPORT, OTHER, TRUCK, 12345, 2469000",                          // 200,000/t
            "TRANSIT, IMPORT, LIVE_ANIMALS, TRUCK, 5000, 1000000",                    // not farm goods: 200,000/t
            "ORDINARY_TRADE, EXPORT, FARM, TRUCK, 18500, 462500",                     // Vietnamese farm products
            "ORDINARY_TRADE, IMPORT, LIVE_ANIMALS, TRUCK, 10000, 250000",
            "ORDINARY_TRADE, IMPORT, FARM, TRUCK, 10000, 1000000",                    // imported, duty-free: other
            "ORDINARY_TRADE, EXPORT, OTHER, CONTAINER_40, 7500, 750000",              // 100,000/t, any vehicle
    })
    void eachBandOfTheTableIsPricedAsTheResolutionSays(String regime, String direction, String group, String vehicle,
                                                        int kg, long vnd) {
        JsonPath fee = quote(draft(direction, vehicle, kg, trade(regime, group, null)));
        assertEquals("QUOTED", fee.getString("status"));
        assertEquals(vnd, fee.getLong("amountVnd"));
        assertEquals("39/2019/NQ-HĐND", fee.getString("resolution"));
        assertEquals(fee.getLong("amountVnd"), fee.getList("lines.amountVnd", Long.class).stream().mapToLong(x -> x).sum());
    }

    @Test
    void dutiableImportsInOrdinaryTradePayTheLowRateAndOtherImportsTheGeneralOne() {
        assertEquals(500_000, quote(draft("IMPORT", "TRUCK", 20_000, trade("ORDINARY_TRADE", "OTHER", true)))
                .getLong("amountVnd"));
        assertEquals(2_000_000, quote(draft("IMPORT", "TRUCK", 20_000, trade("ORDINARY_TRADE", "OTHER", false)))
                .getLong("amountVnd"));
    }

    @Test
    void aMixedLoadIsChargedAtTheRateOfItsMostValuableGoods() {
        Map<String, Object> farmWorthMore = trade("TEMPORARY_IMPORT_REEXPORT", null, null);
        farmWorthMore.put("goods", List.of(line("FARM", 500_000_000L), line("OTHER", 200_000_000L)));
        assertEquals(5_500_000, quote(draft("IMPORT", "CONTAINER_40", 22_000, farmWorthMore)).getLong("amountVnd"));

        Map<String, Object> otherWorthMore = trade("TEMPORARY_IMPORT_REEXPORT", null, null);
        otherWorthMore.put("goods", List.of(line("FARM", 200_000_000L), line("OTHER", 500_000_000L)));
        assertEquals(6_500_000, quote(draft("IMPORT", "CONTAINER_40", 22_000, otherWorthMore)).getLong("amountVnd"));
    }

    @Test
    void aDeclarationThatNamesNoTradeFactsIsOrdinaryTradeOfItsCategorysGoods() {
        Map<String, Object> body = Fixtures.declaration(gate, "EXPORT", null);  // FRESH_FRUIT, 18,500 kg, TRUCK
        JsonPath fee = quote(body);
        assertEquals(462_500, fee.getLong("amountVnd"));
        assertEquals(List.of("Nông sản Việt Nam xuất khẩu"), fee.getList("lines.name"));
    }

    static JsonPath quote(Map<String, Object> draft) {
        return given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(draft).when().post("/api/v1/fees/quote")
                .then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> draft(String direction, String vehicleKind, int kg, Map<String, Object> trade) {
        Map<String, Object> body = Fixtures.declaration(gate, direction, null);
        ((Map<String, Object>) body.get("vehicle")).put("kind", vehicleKind);
        Map<String, Object> cargo = (Map<String, Object>) body.get("cargo");
        cargo.put("category", "GENERAL");
        cargo.put("grossWeightKg", kg);
        cargo.put("trade", trade);
        return body;
    }

    static Map<String, Object> trade(String regime, String group, Boolean dutiable) {
        Map<String, Object> trade = new HashMap<>();
        trade.put("customsRegime", regime);
        if (group != null) {
            trade.put("goodsGroup", group);
        }
        if (dutiable != null) {
            trade.put("dutiable", dutiable);
        }
        return trade;
    }

    static Map<String, Object> line(String group, long valueVnd) {
        return new HashMap<>(Map.of("goodsGroup", group, "valueVnd", valueVnd));
    }
}
