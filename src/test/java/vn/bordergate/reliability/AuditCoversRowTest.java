package vn.bordergate.reliability;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The declaration row is bound to its audit chain: what is cut from the end, or changed beside it, shows. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class AuditCoversRowTest {

    static final String FIRM = Tokens.enterprise("0100109199");

    private static String bookedAndCancelled() {
        String id = Api.declare(FIRM, Fixtures.declaration("KIM_THANH", "IMPORT", Fixtures.slot(2, 18)))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(FIRM).when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        return id;
    }

    private static io.restassured.response.ValidatableResponse verify(String id) {
        return given().auth().oauth2(Tokens.role("auditor")).when().get("/api/v1/audit/declarations/" + id + "/verify").then();
    }

    @Test
    void anUntouchedTrailIsIntact() {
        verify(bookedAndCancelled()).statusCode(200).body("intact", equalTo(true)).body("events", equalTo(2));
    }

    @Test
    void deletingTheNewestEventIsReported() {
        String id = bookedAndCancelled();
        Database.update("DELETE FROM declaration_events WHERE id = (SELECT max(id) FROM declaration_events WHERE declaration_id = ?)",
                UUID.fromString(id));
        verify(id).statusCode(200).body("intact", equalTo(false))
                .body("firstBrokenLink.problem", containsString("newest"));
    }

    @Test
    void changingTheStatusWithoutAnEventIsReported() {
        String id = Api.declare(FIRM, Fixtures.declaration("KIM_THANH", "IMPORT", Fixtures.slot(2, 18)))
                .then().statusCode(201).extract().path("id");
        Database.update("UPDATE declarations SET status = 'NO_SHOW' WHERE id = ?", UUID.fromString(id));
        verify(id).statusCode(200).body("intact", equalTo(false))
                .body("firstBrokenLink.problem", containsString("status"));
    }
}
