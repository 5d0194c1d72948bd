package vn.bordergate.declaration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idempotent retries, the per-firm daily quota and one active booking per truck and day. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class AdmissionRulesTest {

    static io.restassured.response.Response post(String token, String key, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).when().post("/api/v1/declarations");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheSameDeclaration() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 8));

        String id = post(firm, key, body).then().statusCode(201).extract().path("id");
        String again = post(firm, key, body).then().statusCode(201).extract().path("id");

        assertEquals(id, again);
        String plate = (String) ((Map<?, ?>) body.get("vehicle")).get("plate");
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE vehicle->>'plate' = ?", plate));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String key = UUID.randomUUID().toString();
        post(firm, key, Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 9))).then().statusCode(201);

        post(firm, key, Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 9))).then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/problems/idempotency-key-reused"));
    }

    @Test
    void keysBelongToTheirFirm() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(1, 9));
        String a = post(Tokens.enterprise(Tokens.FIRM_A), key, body).then().statusCode(201).extract().path("id");
        // Another firm using the same key and body is a different request, never a replay of firm A's answer.
        body.put("vehicle", Map.of("plate", Fixtures.newPlate(), "country", "VN"));
        String b = post(Tokens.enterprise(Tokens.FIRM_B), key, body).then().statusCode(201).extract().path("id");
        assertEquals(false, a.equals(b));
    }

    @Test
    void aFirmCannotHoldMoreThanItsDailyQuotaAtAGate() {
        // COC_NAM's quota is 3 bookings per firm and day in the test configuration.
        String firm = Tokens.enterprise("0100109106-777");
        for (int hour = 8; hour <= 10; hour++) {
            post(firm, UUID.randomUUID().toString(), Fixtures.declaration("COC_NAM", "EXPORT", Fixtures.slot(2, hour)))
                    .then().statusCode(201);
        }
        post(firm, UUID.randomUUID().toString(), Fixtures.declaration("COC_NAM", "EXPORT", Fixtures.slot(2, 11)))
                .then().statusCode(409).body("type", endsWith("/problems/quota-exceeded"));
        // The quota is per day: the next day is open again.
        post(firm, UUID.randomUUID().toString(), Fixtures.declaration("COC_NAM", "EXPORT", Fixtures.slot(3, 11)))
                .then().statusCode(201);
    }

    @Test
    void aTruckHasOneActiveBookingPerDayHoweverItsPlateIsTyped() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String plate = Fixtures.newPlate();
        String id = post(firm, UUID.randomUUID().toString(), Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(2, 8), plate))
                .then().statusCode(201).extract().path("id");
        String sameTruck = plate.replace("-", "").replace(".", "").toLowerCase();

        post(firm, UUID.randomUUID().toString(), Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(2, 14), sameTruck))
                .then().statusCode(409).body("type", endsWith("/problems/vehicle-already-booked"));
        // Another gate on the same day: refused too (enforced by PostgreSQL across gates).
        post(Tokens.enterprise(Tokens.FIRM_B), UUID.randomUUID().toString(),
                Fixtures.declaration("MONG_CAI", "EXPORT", Fixtures.slot(2, 15), plate))
                .then().statusCode(409).body("type", endsWith("/problems/vehicle-already-booked"));

        given().auth().oauth2(firm).when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        post(firm, UUID.randomUUID().toString(), Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(2, 14), sameTruck))
                .then().statusCode(201).body("vehicle.plate", equalTo(plate));
    }
}
