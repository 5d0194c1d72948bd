package vn.bordergate.yard;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PublishedContract;
import vn.bordergate.support.TestClock;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check-in window and its refusals, the 20-minute call deadline, and the no-show sweep. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class YardRulesTest {

    @Inject
    GateSweeps sweeps;

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void checkInIsRefusedOutsideItsWindowAndForBadTokens() {
        OffsetDateTime slot = Fixtures.slot(1, 11);
        String id = GateDesk.book("KIM_THANH", "EXPORT", slot, "GENERAL");
        String plate = GateDesk.status(id).path("vehicle.plate");

        TestClock.travelTo(slot.minusHours(1));
        String token = GateDesk.qrToken(id);
        io.restassured.response.Response early = GateDesk.checkIn("KIM_THANH", Map.of("token", token));
        PublishedContract.assertDocumented("POST", "/api/v1/gates/KIM_THANH/check-ins", early);
        early.then().statusCode(409)
                .body("type", endsWith("/problems/check-in-too-early"))
                .body("window.opensAt", equalTo(Fixtures.iso(slot.minusMinutes(30))))
                .body("window.closesAt", equalTo(Fixtures.iso(slot.plusMinutes(90))));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        GateDesk.checkIn("KIM_THANH", Map.of("token", tampered)).then().statusCode(400).body("type", endsWith("/problems/qr-invalid"));

        TestClock.travelTo(slot.plusMinutes(91));
        GateDesk.checkIn("KIM_THANH", Map.of("token", token)).then().statusCode(400).body("type", endsWith("/problems/qr-expired"));
        GateDesk.checkIn("KIM_THANH", Map.of("plate", plate, "direction", "EXPORT")).then().statusCode(409)
                .body("type", endsWith("/problems/check-in-too-late"));

        TestClock.travelTo(slot.plusMinutes(20));
        GateDesk.checkIn("TAN_THANH", Map.of("token", token)).then().statusCode(404);
        String typedDifferently = plate.replace("-", " ").replace(".", "").toLowerCase();
        GateDesk.checkIn("KIM_THANH", Map.of("plate", typedDifferently, "direction", "EXPORT")).then().statusCode(201)
                .body("id", equalTo(id));
        GateDesk.checkIn("KIM_THANH", Map.of("token", token)).then().statusCode(409).body("currentStatus", equalTo("CHECKED_IN"));
    }

    @Test
    // HUU_NGHI's import yard is used by no other test, so the queue holds exactly these trucks.
    void aMissedCallGoesToTheBackOnceThenBecomesANoShow() {
        OffsetDateTime slot = Fixtures.slot(1, 14);
        String late = GateDesk.book("HUU_NGHI", "IMPORT", slot, "FRESH_FRUIT");
        String other = GateDesk.book("HUU_NGHI", "IMPORT", slot.plusHours(1), "GENERAL");
        TestClock.travelTo(slot.plusMinutes(5));
        GateDesk.checkIn("HUU_NGHI", Map.of("token", GateDesk.qrToken(late))).then().statusCode(201);
        GateDesk.call("HUU_NGHI", "IMPORT", 1).then().statusCode(200).body("declarationId", equalTo(List.of(late)));

        TestClock.travelTo(slot.plusMinutes(32));
        GateDesk.checkIn("HUU_NGHI", Map.of("token", GateDesk.qrToken(other))).then().statusCode(201);
        sweeps.missedCalls().await().indefinitely();
        GateDesk.status(late).then().body("status", equalTo("CHECKED_IN"));
        // Perishable, earlier slot, earlier check-in: still behind a truck that never missed a call.
        GateDesk.yard("HUU_NGHI", "IMPORT").then().body("declarationId", equalTo(List.of(other, late)))
                .body("round", equalTo(List.of(0, 1)));

        GateDesk.call("HUU_NGHI", "IMPORT", 2).then().statusCode(200);
        GateDesk.inspect("customs", "HUU_NGHI", other, "HOLD").then().statusCode(200);
        int free = Api.available("HUU_NGHI", "IMPORT", slot);
        TestClock.travelTo(slot.plusMinutes(55));
        sweeps.missedCalls().await().indefinitely();

        GateDesk.status(late).then().body("status", equalTo("NO_SHOW"));
        GateDesk.status(other).then().body("status", equalTo("CALLED")); // at the gate: its deadline stopped
        assertEquals(free + 1, Api.available("HUU_NGHI", "IMPORT", slot), "a no-show frees its place");
    }

    @Test
    void twoSweepsRacingMarkEachNoShowOnce() throws Exception {
        OffsetDateTime slot = Fixtures.slot(1, 16);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(GateDesk.book("CHI_MA", "EXPORT", slot, "GENERAL"));
        }
        int free = Api.available("CHI_MA", "EXPORT", slot);
        TestClock.travelTo(slot.plusMinutes(95));

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> sweeps.noShows().await().indefinitely());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> sweeps.noShows().await().indefinitely());
        int swept = first.get() + second.get();

        for (String id : ids) {
            assertEquals(1, Database.count("SELECT count(*) FROM declaration_events WHERE declaration_id = ?::uuid AND type = 'NO_SHOW'", id));
            GateDesk.status(id).then().body("status", equalTo("NO_SHOW"));
        }
        assertEquals(0, Database.count("SELECT count(*) FROM (SELECT declaration_id FROM declaration_events "
                + "WHERE type = 'NO_SHOW' GROUP BY declaration_id HAVING count(*) > 1) twice"));
        assertEquals(true, swept >= ids.size());
        assertEquals(free + ids.size(), Api.available("CHI_MA", "EXPORT", slot));
    }
}
