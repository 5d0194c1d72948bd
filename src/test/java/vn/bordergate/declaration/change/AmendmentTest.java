package vn.bordergate.declaration.change;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Api;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PublishedContract;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Amendments move capacity exactly: new place first, old place freed after the commit. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class AmendmentTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_B);

    @Inject
    RedisDataSource redis;

    static String book(String gate, String direction, OffsetDateTime slot, String plate) {
        return Api.declare(FIRM, Fixtures.declaration(gate, direction, slot, plate))
                .then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.Response patch(String id, int version, Map<String, Object> body) {
        return given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(body).when().patch("/api/v1/declarations/" + id);
    }

    @Test
    void movingWithinTheSameDayKeepsEveryCountExact() {
        OffsetDateTime from = Fixtures.slot(3, 8);
        OffsetDateTime to = Fixtures.slot(3, 9);
        String id = book("MONG_CAI", "IMPORT", from, Fixtures.newPlate());
        int fromAvailable = Api.available("MONG_CAI", "IMPORT", from);
        int toAvailable = Api.available("MONG_CAI", "IMPORT", to);

        patch(id, 1, Map.of("slotStart", Fixtures.iso(to))).then().statusCode(200).body("slot.start", equalTo(Fixtures.iso(to)));

        assertEquals(fromAvailable + 1, Api.available("MONG_CAI", "IMPORT", from));
        assertEquals(toAvailable - 1, Api.available("MONG_CAI", "IMPORT", to));
        // The ledger rebuilt from PostgreSQL agrees with what Redis counted.
        redis.key().del("bg:{MONG_CAI:" + from.toLocalDate() + "}:epoch");
        assertEquals(fromAvailable + 1, Api.available("MONG_CAI", "IMPORT", from));
        assertEquals(toAvailable - 1, Api.available("MONG_CAI", "IMPORT", to));
    }

    @Test
    void aMoveIntoAFullSlotIsRefusedAndChangesNothing() {
        OffsetDateTime full = Fixtures.slot(3, 10);
        OffsetDateTime from = Fixtures.slot(3, 11);
        Database.update("INSERT INTO slot_capacities (gate_code, direction, slot_start, capacity) VALUES ('MONG_CAI', 'EXPORT', ?, 1)", full);
        redis.key().del("bg:{MONG_CAI:" + full.toLocalDate() + "}:epoch");
        book("MONG_CAI", "EXPORT", full, Fixtures.newPlate());
        String id = book("MONG_CAI", "EXPORT", from, Fixtures.newPlate());
        int fromAvailable = Api.available("MONG_CAI", "EXPORT", from);

        io.restassured.response.Response refused = patch(id, 1, Map.of("slotStart", Fixtures.iso(full)));
        refused.then().statusCode(409).body("type", endsWith("/problems/slot-full"))
                .body("alternatives.size()", org.hamcrest.Matchers.greaterThan(0));
        PublishedContract.assertDocumented("PATCH", "/api/v1/declarations/" + id, refused);

        assertEquals(fromAvailable, Api.available("MONG_CAI", "EXPORT", from));
        assertEquals(0, Api.available("MONG_CAI", "EXPORT", full));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then()
                .body("version", equalTo(1)).body("slot.start", equalTo(Fixtures.iso(from)));
    }

    @Test
    void aMoveToADayNotYetOpenSaysWhenItOpensInAMemberTheContractNames() {
        OffsetDateTime from = Fixtures.slot(1, 13);
        String id = book("MONG_CAI", "EXPORT", from, Fixtures.newPlate());
        // MONG_CAI books 3 days ahead from midnight: day +4 opens tomorrow at 00:00.
        String opens = Fixtures.today().plusDays(1).atStartOfDay(Fixtures.VIETNAM).toOffsetDateTime().toString();

        io.restassured.response.Response refused = patch(id, 1, Map.of("slotStart", Fixtures.iso(Fixtures.slot(4, 13))));
        refused.then().statusCode(409).body("type", endsWith("/problems/booking-not-open"))
                .body("opensAt", startsWith(opens.substring(0, 16)));
        PublishedContract.assertDocumented("PATCH", "/api/v1/declarations/" + id, refused);

        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then()
                .body("version", equalTo(1)).body("slot.start", equalTo(Fixtures.iso(from)));
    }

    @Test
    void changingTheTruckFreesTheOldPlateForAnotherBooking() {
        OffsetDateTime slot = Fixtures.slot(3, 12);
        String oldPlate = Fixtures.newPlate();
        String newPlate = Fixtures.newPlate();
        String id = book("MONG_CAI", "EXPORT", slot, oldPlate);

        patch(id, 1, Map.of("vehicle", Map.of("plate", newPlate, "country", "VN"))).then()
                .statusCode(200).body("vehicle.plate", equalTo(newPlate));

        // The old truck may book again that day; the new one may not book twice.
        book("MONG_CAI", "EXPORT", Fixtures.slot(3, 13), oldPlate);
        Api.declare(FIRM, Fixtures.declaration("MONG_CAI", "EXPORT", Fixtures.slot(3, 14), newPlate))
                .then().statusCode(409).body("type", endsWith("/problems/vehicle-already-booked"));
    }

    @Test
    void aCheckedInDeclarationCanNoLongerBeAmended() {
        String id = book("MONG_CAI", "EXPORT", Fixtures.slot(3, 15), Fixtures.newPlate());
        Database.update("UPDATE declarations SET status = 'CHECKED_IN', checked_in_at = now() WHERE id = ?::uuid", id);

        patch(id, 1, Map.of("slotStart", Fixtures.iso(Fixtures.slot(3, 16)))).then()
                .statusCode(409).body("type", endsWith("/problems/invalid-state")).body("currentStatus", equalTo("CHECKED_IN"));
    }
}
