package vn.bordergate.payment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A province's daily fee figures for its finance office: what its trips owe by regime and report line, what
 * was paid for them (cancelled ones included) and is due back, and the Centre's 10 % and the budget's 90 %.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class FeeReportTest {

    static final String ADMIN = Tokens.role("admin");
    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    @Test
    void aDaysTripsAddUpByRegimeAndReportLineWithTheCentresShare() {
        String province = "R_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("code", province, "name", "Tỉnh báo cáo"))
                .when().post("/api/v1/provinces").then().statusCode(201);
        Map<String, Object> rates = new HashMap<>(Map.of("resolution", "02/2027/NQ-HĐND",
                "rules", List.of(Map.of("name", "Mọi hàng", "basis", "PER_TONNE", "rateVnd", 100_000)),
                "multipliers", List.of(Map.of("name", "Chỉ sang tải tại bến bãi", "deliveries", List.of("WHARF_ONLY"),
                        "percent", 30))));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(rates)
                .when().put("/api/v1/provinces/" + province + "/fee-schedules/" + Fixtures.today().plusDays(1))
                .then().statusCode(201);
        String gate = Gates.onboard("Lý Vạn", 10, province);
        String finance = Tokens.financeOfficer(province);
        OffsetDateTime slot = Fixtures.slot(2, 9);
        LocalDate day = slot.atZoneSameInstant(Fixtures.VIETNAM).toLocalDate();

        String paid = declare(gate, "EXPORT", slot, 18_500, null);            // 1,850,000 due, paid in cash
        String wharf = declare(gate, "IMPORT", slot, 10_000, "WHARF_ONLY");   // 1,000,000 × 30 % = 300,000, unpaid
        String cancelled = declare(gate, "EXPORT", slot, 5_000, null);        // 500,000 paid, then cancelled
        cash(finance, paid, 1_850_000);
        cash(finance, cancelled, 500_000);
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "hủy"))
                .when().post("/api/v1/declarations/" + cancelled + "/cancel").then().statusCode(200);
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + wharf + "/payment").then().statusCode(200);

        JsonPath report = given().auth().oauth2(finance).queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/provinces/" + province + "/fee-reports").then().statusCode(200).extract().jsonPath();
        assertEquals(true, report.getBoolean("complete"));
        assertEquals(2, report.getLong("total.trips"));
        assertEquals(2_150_000, report.getLong("total.dueVnd"));
        assertEquals(2_350_000, report.getLong("total.paidVnd"));
        assertEquals(500_000, report.getLong("total.refundDueVnd"));
        assertEquals(1_850_000, report.getLong("total.byRegime.ORDINARY_TRADE.dueVnd"));
        assertEquals(300_000, report.getLong("total.byReportLine.TRANSSHIPMENT.dueVnd"));
        assertEquals(1, report.getLong("total.byReportLine.VEHICLES.trips"));
        assertEquals(235_000, report.getLong("total.centreShareVnd"));
        assertEquals(2_115_000, report.getLong("total.budgetShareVnd"));
        assertEquals(2_150_000, report.getLong("days[0].figures.dueVnd"));

        given().auth().oauth2(finance).queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/provinces/" + province + "/fee-reports.csv").then().statusCode(200)
                .body(containsString(day + ",2,0,2150000,2350000,500000,1,1850000,1,300000,235000,2115000\n"));
        given().auth().oauth2(Tokens.financeOfficer("LANG_SON")).queryParam("from", day.toString())
                .queryParam("to", day.toString()).when().get("/api/v1/provinces/" + province + "/fee-reports")
                .then().statusCode(403);
        given().auth().oauth2(finance).queryParam("from", day.toString()).queryParam("to", day.plusDays(31).toString())
                .when().get("/api/v1/provinces/" + province + "/fee-reports").then().statusCode(400);
    }

    @SuppressWarnings("unchecked")
    static String declare(String gate, String direction, OffsetDateTime slot, int kg, String delivery) {
        Map<String, Object> body = Fixtures.declaration(gate, direction, slot);
        Map<String, Object> cargo = (Map<String, Object>) body.get("cargo");
        cargo.put("category", "GENERAL");
        cargo.put("grossWeightKg", kg);
        if (delivery != null) {
            cargo.put("trade", Map.of("customsRegime", "TEMPORARY_IMPORT_REEXPORT", "delivery", delivery));
        }
        return Api.declare(FIRM, body).then().statusCode(201).extract().path("id");
    }

    static void cash(String finance, String id, long vnd) {
        given().auth().oauth2(finance).contentType(ContentType.JSON).body(Map.of("amountVnd", vnd))
                .when().post("/api/v1/declarations/" + id + "/payment/cash").then().statusCode(200);
    }
}
