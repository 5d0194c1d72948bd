package vn.bordergate.yard;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Firms and drivers see which agency decided what, never which officer, nor the officers' notes. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class OfficerPrivacyTest {

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void theTradeSideSeesAgenciesAndDecisionsButNoOfficerAndNoNote() {
        OffsetDateTime slot = Fixtures.slot(1, 20);
        String id = GateDesk.book("MONG_CAI", "EXPORT", slot, "GENERAL");
        TestClock.travelTo(slot.plusMinutes(5));
        GateDesk.checkIn("MONG_CAI", Map.of("token", GateDesk.qrToken(id))).then().statusCode(201);
        GateDesk.call("MONG_CAI", "EXPORT", 50).then().statusCode(200);
        GateDesk.inspect("customs", "MONG_CAI", id, "HOLD").then().statusCode(200);

        String supervisor = Tokens.officer("gate-supervisor", "MONG_CAI");
        given().auth().oauth2(supervisor).when().get("/api/v1/declarations/" + id + "/inspections").then()
                .statusCode(200).body("decisions.find { it.agency == 'customs' }.note", equalTo("kiểm tra HOLD"))
                .body("decisions.find { it.agency == 'customs' }.officer", equalTo("customs-officer"));
        given().auth().oauth2(GateDesk.FIRM).when().get("/api/v1/declarations/" + id + "/inspections").then()
                .statusCode(200).body("decisions.find { it.agency == 'customs' }.decision", equalTo("HOLD"))
                .body("decisions.find { it.agency == 'customs' }.note", nullValue())
                .body("decisions.find { it.agency == 'customs' }.officer", nullValue());

        given().auth().oauth2(GateDesk.FIRM).when().get("/api/v1/declarations/" + id + "/events").then().statusCode(200)
                .body("actorRole", hasItem("customs"))
                .body("findAll { it.actorRole != 'enterprise' }.actor", everyItem(nullValue()))
                .body("details.note", everyItem(nullValue()))
                .body("actor", not(hasItem("customs-officer")));
        given().auth().oauth2(supervisor).when().get("/api/v1/declarations/" + id + "/events").then().statusCode(200)
                .body("actor", hasItem("customs-officer"));
    }
}
