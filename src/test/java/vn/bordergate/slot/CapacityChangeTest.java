package vn.bordergate.slot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cutting capacity re-slots the overflow in order; raising it opens places at once; Redis and PostgreSQL agree. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class CapacityChangeTest {

    static final String GATE = "CHI_MA";

    static Response setCapacity(String token, OffsetDateTime from, OffsetDateTime to, int capacity) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("direction", "IMPORT", "from", Fixtures.iso(from), "to", Fixtures.iso(to), "capacityPerSlot", capacity))
                .when().put("/api/v1/gates/" + GATE + "/capacity");
    }

    static String book(OffsetDateTime slot, String category, int firm) {
        Map<String, Object> body = Fixtures.declaration(GATE, "IMPORT", slot);
        @SuppressWarnings("unchecked")
        Map<String, Object> cargo = (Map<String, Object>) body.get("cargo");
        cargo.put("category", category);
        return Api.declare(Tokens.enterprise(String.format("0100109106-%03d", 300 + firm)), body)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aCutMovesTheLowestPriorityAndLatestBookedIntoTheNextSlotsWithRoom() {
        String supervisor = Tokens.officer("gate-supervisor", GATE);
        OffsetDateTime nine = Fixtures.slot(2, 9);
        OffsetDateTime ten = Fixtures.slot(2, 10);
        OffsetDateTime eleven = Fixtures.slot(2, 11);
        setCapacity(supervisor, nine, ten, 4).then().statusCode(200).body("slotsChanged", equalTo(1)).body("moved.size()", equalTo(0));
        setCapacity(supervisor, ten, eleven, 2).then().statusCode(200);
        String p1 = book(nine, "FRESH_FRUIT", 1);
        String s1 = book(nine, "GENERAL", 2);
        String p2 = book(nine, "FROZEN", 3);
        String s2 = book(nine, "GENERAL", 4);
        book(ten, "GENERAL", 5);
        int elevenFree = Api.available(GATE, "IMPORT", eleven);

        Response cut = setCapacity(supervisor, nine, ten, 1);

        cut.then().statusCode(200).body("moved.declarationId", equalTo(List.of(p2, s1, s2)))
                .body("moved.to", equalTo(List.of(Fixtures.iso(ten), Fixtures.iso(eleven), Fixtures.iso(eleven))))
                .body("unplaced.size()", equalTo(0));
        given().auth().oauth2(Tokens.role("admin")).when().get("/api/v1/declarations/" + p1).then().body("slot.start", equalTo(Fixtures.iso(nine)));
        given().auth().oauth2(Tokens.role("admin")).when().get("/api/v1/declarations/" + s2 + "/events").then()
                .body("[-1].type", equalTo("SLOT_MOVED")).body("[-1].details.to", equalTo(Fixtures.iso(eleven)));

        assertEquals(0, Api.available(GATE, "IMPORT", nine));
        assertEquals(0, Api.available(GATE, "IMPORT", ten));
        assertEquals(elevenFree - 2, Api.available(GATE, "IMPORT", eleven));
        assertEquals(0, Database.count("SELECT count(*) FROM (SELECT d.slot_start, count(*) AS n, "
                + "coalesce(max(c.capacity), max(g.import_capacity)) AS cap FROM declarations d JOIN gates g ON g.code = d.gate_code "
                + "LEFT JOIN slot_capacities c ON c.gate_code = d.gate_code AND c.direction = d.direction AND c.slot_start = d.slot_start "
                + "WHERE d.gate_code = ? AND d.direction = 'IMPORT' AND d.status IN ('BOOKED','CHECKED_IN','CALLED','RELEASED','EXITED') "
                + "GROUP BY d.slot_start) s WHERE n > cap", GATE), "no slot over capacity in PostgreSQL");

        // Raising opens places at once.
        setCapacity(supervisor, nine, ten, 3).then().statusCode(200);
        assertEquals(2, Api.available(GATE, "IMPORT", nine));
    }

    @Test
    void onlyTheGatesSupervisorOrAnAdminSetsCapacity() {
        OffsetDateTime slot = Fixtures.slot(2, 15);
        setCapacity(Tokens.officer("gate-supervisor", "HUU_NGHI"), slot, slot.plusHours(1), 5).then().statusCode(403);
        setCapacity(Tokens.officer("yard-officer", GATE), slot, slot.plusHours(1), 5).then().statusCode(403);
        setCapacity(Tokens.role("admin"), slot, slot.minusHours(1), 5).then().statusCode(400);
        setCapacity(Tokens.role("admin"), slot, slot.plusHours(1), -1).then().statusCode(400)
                .body("errors[0].field", equalTo("capacityPerSlot"));
    }
}
