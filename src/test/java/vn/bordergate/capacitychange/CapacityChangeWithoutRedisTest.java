package vn.bordergate.capacitychange;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import io.restassured.http.ContentType;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With Redis away, a capacity change or a closure follows the booking's policy (ARCHITECTURE.md, "What if Redis is
 * down"): decided in PostgreSQL under the gate-day locks; the ledger it could not reload is recounted
 * once Redis is back, under the new epoch the change wrote.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class CapacityChangeWithoutRedisTest {

    @Test
    void aCapacityChangeIsMadeInPostgresqlAndTheLedgerAgreesAfterwards() {
        String gate = Gates.onboard("Cửa khẩu mất Redis", 4);
        String supervisor = Tokens.officer("gate-supervisor", gate);
        OffsetDateTime ten = Fixtures.slot(1, 10);
        Api.declare(CapacityPreviewTest.FIRM, Fixtures.declaration(gate, "EXPORT", ten)).then().statusCode(201);
        assertEquals(3, Api.available(gate, "EXPORT", ten));

        EmbeddedServices.infrastructure().stopRedis();
        try {
            CapacityPreviewTest.capacity("PUT", gate, supervisor, ten, 6).then().statusCode(200)
                    .body("slotsChanged", equalTo(1));
        } finally {
            EmbeddedServices.infrastructure().startRedis();
        }
        assertEquals(5, Api.available(gate, "EXPORT", ten));
    }

    @Test
    void aClosureIsMadeInPostgresqlAndItsMovesAreCountedAfterwards() {
        String gate = Gates.onboard("Cửa khẩu đóng khi mất Redis", 4);
        OffsetDateTime eleven = Fixtures.slot(1, 11);
        Api.declare(CapacityPreviewTest.FIRM, Fixtures.declaration(gate, "EXPORT", eleven)).then().statusCode(201);

        EmbeddedServices.infrastructure().stopRedis();
        try {
            given().auth().oauth2(Tokens.role("admin")).contentType(ContentType.JSON)
                    .body(Map.of("from", Fixtures.iso(eleven), "to", Fixtures.iso(eleven.plusHours(1)),
                            "reason", Map.of("vi", "Mất điện", "en", "Power cut")))
                    .when().post("/api/v1/gates/" + gate + "/closures")
                    .then().statusCode(201).body("movedCount", equalTo(1));
        } finally {
            EmbeddedServices.infrastructure().startRedis();
        }
        // The moved truck holds a place in a slot next to the closed one, and the ledger counts it there.
        int held = 0;
        for (int h : new int[]{9, 10, 12, 13}) {
            held += 4 - Api.available(gate, "EXPORT", Fixtures.slot(1, h));
        }
        assertEquals(1, held);
    }
}
