package vn.bordergate.declaration.admission;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When a booking day opens, most requests are for slots that filled in the first second. Once the instance
 * knows a slot is full, it tells those firms so at once: the same 409 with alternatives, without a claim and
 * without PostgreSQL, so their places among the bookings in flight turn over in milliseconds. A retry of a booking that got the last place
 * is still answered its 201, and a cancelled place is offered again at once.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class FullSlotRefusalTest {

    static final String GATE = "KIM_THANH";
    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    @Inject
    RedisDataSource redis;

    /** One place in {@code slot}, counted afresh from PostgreSQL on the next booking. */
    void onePlaceIn(OffsetDateTime slot) {
        Database.update("INSERT INTO slot_capacities (gate_code, direction, slot_start, capacity) VALUES (?, 'EXPORT', ?, 1) "
                + "ON CONFLICT (gate_code, direction, slot_start) DO UPDATE SET capacity = 1", GATE, slot);
        redis.key().del("bg:{" + GATE + ":" + slot.toLocalDate() + "}:epoch");
    }

    /** A booking whose answer must come within 5 s: one waiting on a PostgreSQL lock fails the test, not hangs it. */
    static Response declare(String key, OffsetDateTime slot, String plate) {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 5_000).setParam("http.connection.timeout", 5_000)))
                .auth().oauth2(FIRM).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.declaration(GATE, "EXPORT", slot, plate)).when().post("/api/v1/declarations");
    }

    @Test
    void aFullSlotIsRefusedWithoutPostgresql() {
        OffsetDateTime full = Fixtures.slot(3, 19);
        onePlaceIn(full);
        declare(UUID.randomUUID().toString(), full, Fixtures.newPlate()).then().statusCode(201);

        // Nothing may read or write declarations or idempotency keys meanwhile.
        try (Database.Held locked = Database.hold("LOCK TABLE declarations, idempotency_keys IN ACCESS EXCLUSIVE MODE")) {
            // The ledger refuses this claim: the refusal is not remembered in PostgreSQL, and teaches the instance.
            declare(UUID.randomUUID().toString(), full, Fixtures.newPlate()).then().statusCode(409)
                    .body("type", endsWith("/problems/slot-full"));
            // Now known full: refused again without a claim, and still without PostgreSQL.
            declare(UUID.randomUUID().toString(), full, Fixtures.newPlate()).then().statusCode(409)
                    .body("type", endsWith("/problems/slot-full"))
                    .body("alternatives.size()", greaterThan(0));
        }
    }

    @Test
    void theRetryOfTheBookingThatTookTheLastPlaceIsStillAnswered201() {
        OffsetDateTime slot = Fixtures.slot(3, 21);
        onePlaceIn(slot);
        String key = UUID.randomUUID().toString();
        String plate = Fixtures.newPlate();
        String id = declare(key, slot, plate).then().statusCode(201).extract().path("id");
        declare(UUID.randomUUID().toString(), slot, Fixtures.newPlate()).then().statusCode(409);

        declare(key, slot, plate).then().statusCode(201).body("id", equalTo(id));
        assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE id = ?::uuid", id));
    }

    @Test
    void aCancelledPlaceIsOfferedAgainAtOnce() {
        OffsetDateTime slot = Fixtures.slot(3, 18);
        onePlaceIn(slot);
        String id = declare(UUID.randomUUID().toString(), slot, Fixtures.newPlate()).then().statusCode(201)
                .extract().path("id");
        declare(UUID.randomUUID().toString(), slot, Fixtures.newPlate()).then().statusCode(409);

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "xe hỏng"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);

        declare(UUID.randomUUID().toString(), slot, Fixtures.newPlate()).then().statusCode(201);
        assertEquals(0, Api.available(GATE, "EXPORT", slot));
    }
}
