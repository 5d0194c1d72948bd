package vn.bordergate.declaration.idempotency;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotency-Key answers are forgotten after a week; a retry that late still gets its declaration. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class IdempotencyRetentionTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_B);

    @Inject
    IdempotencyRetention retention;

    static Response declare(String key, Map<String, Object> body) {
        return given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).when().post("/api/v1/declarations");
    }

    static void age(String key, int days) {
        Database.update("UPDATE idempotency_keys SET created_at = now() - make_interval(days => ?) WHERE key = ?", days, key);
    }

    static long answers(String key) {
        return Database.count("SELECT count(*) FROM idempotency_keys WHERE key = ?", key);
    }

    @Test
    void answersOlderThanAWeekArePurgedAndYoungerOnesKept() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        declare(old, Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(3, 10))).then().statusCode(201);
        declare(recent, Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(3, 10))).then().statusCode(201);
        age(old, 8);
        age(recent, 6);

        long purged = retention.purge().await().atMost(Duration.ofSeconds(30));

        assertTrue(purged >= 1, "at least the 8-day-old answer went: " + purged);
        assertEquals(0, answers(old));
        assertEquals(1, answers(recent));
    }

    @Test
    void aRetryAfterItsAnswerWasPurgedStillGetsItsDeclarationAndBooksNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.declaration("CHI_MA", "IMPORT", Fixtures.slot(3, 11));
        String id = declare(key, body).then().statusCode(201).extract().path("id");
        age(key, 8);
        retention.purge().await().atMost(Duration.ofSeconds(30));
        assertEquals(0, answers(key));

        declare(key, body).then().statusCode(201).body("id", equalTo(id));
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE id = ?::uuid", id));
    }
}
