package vn.bordergate.yard;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Bank;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Cao Bằng (in the test configuration) requires the fee paid before a truck leaves the yard: the exit of a
 * released, unpaid trip is refused with the amount and the reference to pay with, and allowed once paid.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class PaymentAtTheGateTest {

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void anUnpaidTripIsStoppedAtTheExitUntilItsFeeIsPaid() {
        String gate = Gates.onboard("Trà Lĩnh", 10, "CAO_BANG");
        OffsetDateTime slot = Fixtures.slot(1, 9);
        String id = GateDesk.book(gate, "EXPORT", slot, "FRESH_FRUIT");
        TestClock.travelTo(slot.plusMinutes(10));
        GateDesk.checkIn(gate, Map.of("token", GateDesk.qrToken(id))).then().statusCode(201);
        GateDesk.call(gate, "EXPORT", 10).then().statusCode(200);
        for (String agency : new String[] {"customs", "border-guard", "quarantine"}) {
            GateDesk.inspect(agency, gate, id, "CLEARED").then().statusCode(200);
        }
        GateDesk.status(id).then().body("status", equalTo("RELEASED"));

        String reference = given().auth().oauth2(Tokens.officer("border-guard", gate)).when()
                .post("/api/v1/declarations/" + id + "/exit").then().statusCode(402)
                .contentType("application/problem+json").body("type", containsString("payment-required"))
                .body("amountDueVnd", equalTo(462_500)).body("paymentReference", matchesPattern("BG[0-9A-Z]{10}"))
                .extract().path("paymentReference");
        GateDesk.status(id).then().body("status", equalTo("RELEASED"));

        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), 462_500, reference)).then().statusCode(200)
                .body("outcome", equalTo("MATCHED"));
        given().auth().oauth2(Tokens.officer("border-guard", gate)).when().post("/api/v1/declarations/" + id + "/exit")
                .then().statusCode(200).body("status", equalTo("EXITED"));
    }
}
