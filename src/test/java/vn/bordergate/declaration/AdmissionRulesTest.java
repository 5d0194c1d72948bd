package vn.bordergate.declaration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    static io.restassured.response.Response postBatch(String token, String key, List<Map<String, Object>> items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(items).when().post("/api/v1/declarations/batch");
    }

    /** Issue 25: a batch's items answered under {@code K#0}, {@code K#1}…, the very keys a single booking may use. */
    @Test
    void aBatchsItemsNeverShareAKeyWithASingleBooking() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String key = "B-" + UUID.randomUUID();
        String single = post(firm, key + "#0", Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 10)))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> item = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 10));
        String batched = postBatch(firm, key, List.of(item)).then().statusCode(200)
                .body("results[0].status", equalTo(201)).extract().path("results[0].declaration.id");
        assertNotEquals(single, batched);
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE vehicle->>'plate' = ?", plate(item)));
        // The batch's retry still replays its own answer, and the single key still its own.
        postBatch(firm, key, List.of(item)).then().statusCode(200).body("results[0].declaration.id", equalTo(batched));

        // The other way round: a batch first, then a single booking under its first item's old key.
        String other = "B-" + UUID.randomUUID();
        postBatch(firm, other, List.of(Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(1, 10)))).then()
                .statusCode(200).body("results[0].status", equalTo(201));
        post(firm, other + "#0", Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(1, 10))).then().statusCode(201);
    }

    /**
     * A batch answered before V9 (items under {@code K#0}) and retried after it still gets its first answer: the
     * migration copies such answers to the batch's new keys (the row under {@code K#0} stays for a single key).
     */
    @Test
    void aBatchAnsweredUnderTheOldItemKeysIsReplayedAfterTheMigration() throws Exception {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        String key = "OLD-" + UUID.randomUUID();
        Map<String, Object> item = Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(1, 11));
        // Before V9 a batch booked its first item exactly as one booking under the key K#0 (the same row, the same id).
        String id = post(firm, key + "#0", item).then().statusCode(201).extract().path("id");

        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V9__batch_item_keys.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Database.update(migration);

        postBatch(firm, key, List.of(item)).then().statusCode(200)
                .body("results[0].status", equalTo(201)).body("results[0].declaration.id", equalTo(id));
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE vehicle->>'plate' = ?", plate(item)));
        // The old row still answers a single booking that used that key.
        post(firm, key + "#0", item).then().statusCode(201).body("id", equalTo(id));
    }

    /** 200 characters is the documented limit of an Idempotency-Key, for a batch as for one booking. */
    @Test
    void aKeyOfTwoHundredCharactersIsTakenByABatchAsByASingleBooking() {
        String firm = Tokens.enterprise(Tokens.FIRM_A);
        Map<String, Object> item = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 11));
        String batchKey = longKey(200);
        String id = postBatch(firm, batchKey, List.of(item)).then().statusCode(200)
                .body("accepted", equalTo(1)).body("results[0].status", equalTo(201))
                .extract().path("results[0].declaration.id");
        postBatch(firm, batchKey, List.of(item)).then().statusCode(200).body("results[0].declaration.id", equalTo(id));
        post(firm, longKey(200), Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 11))).then().statusCode(201);

        Map<String, Object> tooLong = Fixtures.declaration("CHI_MA", "EXPORT", Fixtures.slot(1, 11));
        postBatch(firm, longKey(201), List.of(tooLong)).then().statusCode(400)
                .body("type", endsWith("/problems/validation")).body("errors[0].field", equalTo("Idempotency-Key"));
        post(firm, longKey(201), tooLong).then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(0, Database.count("SELECT count(*) FROM declarations WHERE vehicle->>'plate' = ?", plate(tooLong)));

        // The published document says the same for both operations.
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        var document = given().baseUri("http://localhost").port(management).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/api/v1/declarations", "/api/v1/declarations/batch")) {
            assertEquals(200, document.getInt("paths.'" + path + "'.post.parameters.find { it.name == 'Idempotency-Key' }"
                    + ".schema.maxLength"), path);
        }
    }

    private static String longKey(int length) {
        String key = UUID.randomUUID().toString();
        return key + "k".repeat(length - key.length());
    }

    private static String plate(Map<String, Object> body) {
        return (String) ((Map<?, ?>) body.get("vehicle")).get("plate");
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
