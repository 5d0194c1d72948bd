package vn.bordergate.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.RolledUp;
import vn.bordergate.support.Tokens;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit chain catches a row edited in the database; statistics are for officials only. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class AuditAndStatisticsTest {

    @Test
    void editingAnEventInTheDatabaseBreaksTheChainAtThatEvent() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String id = Api.declare(firm, Fixtures.declaration("MONG_CAI", "IMPORT", Fixtures.slot(2, 17)))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(firm).body("{\"reason\":\"đổi kế hoạch\"}").contentType("application/json")
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        String auditor = Tokens.role("auditor");
        given().auth().oauth2(auditor).when().get("/api/v1/audit/declarations/" + id + "/verify").then()
                .statusCode(200).body("intact", equalTo(true)).body("events", equalTo(2));

        Database.update("UPDATE declaration_events SET actor = 'someone-else' WHERE declaration_id = ?::uuid AND type = 'DECLARED'", id);

        given().auth().oauth2(auditor).when().get("/api/v1/audit/declarations/" + id + "/verify").then()
                .statusCode(200).body("intact", equalTo(false))
                .body("firstBrokenLink.type", equalTo("DECLARED"));
        given().auth().oauth2(firm).when().get("/api/v1/audit/declarations/" + id + "/verify").then().statusCode(403);
    }

    static final String SUPERVISOR = Tokens.officer("gate-supervisor", "MONG_CAI");

    static ValidatableResponse statistics(LocalDate day) {
        RolledUp.now();
        return given().auth().oauth2(SUPERVISOR).queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/stats/gates/MONG_CAI").then().statusCode(200);
    }

    /** The day's EXPORT counts per status; empty while nothing was booked there. */
    static Map<String, Integer> exportCounts(LocalDate day) {
        Map<String, Integer> counts = statistics(day).extract().path("days.find { it.direction == 'EXPORT' }.byStatus");
        return counts == null ? Map.of() : counts;
    }

    @Test
    void statisticsCountEachStatusPerDayAndDirection() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        var slot = Fixtures.slot(2, 16);
        LocalDate day = slot.toLocalDate();
        // Other tests book at MONG_CAI as well: the counts must grow by exactly what this test did.
        Map<String, Integer> before = exportCounts(day);

        Api.declare(firm, Fixtures.declaration("MONG_CAI", "EXPORT", slot)).then().statusCode(201);
        String cancelled = Api.declare(firm, Fixtures.declaration("MONG_CAI", "EXPORT", slot))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(firm).body("{\"reason\":\"xe hỏng\"}").contentType("application/json")
                .when().post("/api/v1/declarations/" + cancelled + "/cancel").then().statusCode(200);

        Map<String, Integer> after = exportCounts(day);
        assertEquals(before.getOrDefault("BOOKED", 0) + 1, after.get("BOOKED"));
        assertEquals(before.getOrDefault("CANCELLED", 0) + 1, after.get("CANCELLED"));
        Map<String, Integer> yard = statistics(day)
                .body("days.find { it.direction == 'EXPORT' }.noShowRate", equalTo(0.0f))
                .extract().path("yardNow");
        assertEquals(trucksInTheYard(), yard, "the yard now, as the trucks checked in at MONG_CAI");

        given().auth().oauth2(firm).when().get("/api/v1/stats/gates/MONG_CAI").then().statusCode(403);
        given().auth().oauth2(Tokens.officer("gate-supervisor", "HUU_NGHI")).when().get("/api/v1/stats/gates/MONG_CAI").then().statusCode(403);
    }

    /** Trucks waiting in MONG_CAI's yard per direction, counted from the committed rows. */
    static Map<String, Integer> trucksInTheYard() {
        Map<String, Integer> yard = new TreeMap<>();
        for (String direction : List.of("EXPORT", "IMPORT")) {
            long n = Database.count("SELECT count(*) FROM declarations WHERE gate_code = 'MONG_CAI' AND direction = ? "
                    + "AND status = 'CHECKED_IN'", direction);
            if (n > 0) {
                yard.put(direction, (int) n);
            }
        }
        return yard;
    }
}
