package vn.bordergate.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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

    @Test
    void statisticsCountEachStatusPerDayAndDirection() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        var slot = Fixtures.slot(2, 16);
        Api.declare(firm, Fixtures.declaration("MONG_CAI", "EXPORT", slot)).then().statusCode(201);
        given().auth().oauth2(Tokens.officer("gate-supervisor", "MONG_CAI"))
                .queryParam("from", slot.toLocalDate().toString()).queryParam("to", slot.toLocalDate().toString())
                .when().get("/api/v1/stats/gates/MONG_CAI").then()
                .statusCode(200)
                .body("days.find { it.direction == 'EXPORT' }.byStatus.BOOKED", notNullValue())
                .body("days.find { it.direction == 'EXPORT' }.noShowRate", equalTo(0.0f))
                .body("yardNow", notNullValue());
        given().auth().oauth2(firm).when().get("/api/v1/stats/gates/MONG_CAI").then().statusCode(403);
        given().auth().oauth2(Tokens.officer("gate-supervisor", "HUU_NGHI")).when().get("/api/v1/stats/gates/MONG_CAI").then().statusCode(403);
    }
}
