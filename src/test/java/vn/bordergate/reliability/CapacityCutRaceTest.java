package vn.bordergate.reliability;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Burst;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A supervisor cuts a slot's capacity while a burst of bookings arrives for it. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class CapacityCutRaceTest {

    static final String GATE = "KIM_THANH";

    @Test
    void aCapacityCutRacingABurstNeverLeavesTheSlotOverItsNewCapacity() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 21);
        List<String> firms = IntStream.rangeClosed(1, 10).mapToObj(i -> Tokens.enterprise(String.format("0100109107-%03d", i))).toList();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            bodies.add(new JsonObject(Fixtures.declaration(GATE, "IMPORT", slot)).encode());
        }
        CompletableFuture<List<Burst.Answer>> burst = CompletableFuture.supplyAsync(() -> Burst.declareAll(firms, bodies));
        // The cut lands mid-burst: some places are taken, more requests are in flight.
        while (rowsIn(slot) < 12 && !burst.isDone()) {
            Thread.sleep(2);
        }
        Response cut = given().auth().oauth2(Tokens.officer("gate-supervisor", GATE)).contentType("application/json")
                .body(new JsonObject().put("direction", "IMPORT").put("from", Fixtures.iso(slot))
                        .put("to", Fixtures.iso(slot.plusHours(1))).put("capacityPerSlot", 8).encode())
                .when().put("/api/v1/gates/" + GATE + "/capacity");
        List<Burst.Answer> answers = burst.join();
        assertEquals(200, cut.statusCode(), cut.body().asString());

        int unplaced = cut.jsonPath().getList("unplaced").size();
        int moved = cut.jsonPath().getList("moved").size();
        long rows = rowsIn(slot);
        System.out.printf("capacity cut racing a burst: answers %s, moved %d, unplaced %d, rows left in the slot %d (new capacity 8)%n",
                Burst.byStatus(answers), moved, unplaced, rows);
        assertTrue(rows <= 8 + unplaced, "the slot holds at most its new capacity, apart from the reported unplaced: "
                + rows + " rows, " + unplaced + " unplaced");
        assertEquals(0, Burst.count(answers, 500));
        for (String id : cut.jsonPath().<String>getList("moved.declarationId")) {
            assertEquals(1, Database.count("SELECT count(*) FROM declarations WHERE id = ? AND slot_start <> ? "
                    + "AND status = 'BOOKED'", java.util.UUID.fromString(id), slot), "a booking reported as moved left the slot");
        }
        assertTrue(moved + unplaced > 0, "the cut met bookings already made (else this test proved nothing)");
    }

    private static long rowsIn(OffsetDateTime slot) {
        return Database.count("SELECT count(*) FROM declarations WHERE gate_code = ? AND direction = 'IMPORT' "
                + "AND slot_start = ? AND status IN ('BOOKED','CHECKED_IN','CALLED','RELEASED','EXITED')", GATE, slot);
    }
}
