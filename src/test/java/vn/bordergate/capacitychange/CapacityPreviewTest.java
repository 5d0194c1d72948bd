package vn.bordergate.capacitychange;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A supervisor sees which bookings a capacity cut would move before making it, and the preview changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class CapacityPreviewTest {

    static final String FIRM = Tokens.enterprise("0100109106-716");

    static Response capacity(String method, String gate, String token, OffsetDateTime from, int capacity) {
        return capacity(method, gate, token, Fixtures.iso(from), Fixtures.iso(from.plusHours(1)), capacity);
    }

    static Response capacity(String method, String gate, String token, String from, String to, int capacity) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("direction", "EXPORT", "from", from, "to", to, "capacityPerSlot", capacity))
                .when().request(method, "/api/v1/gates/" + gate + ("POST".equals(method) ? "/capacity/preview" : "/capacity"));
    }

    @Test
    void thePreviewNamesTheMovesTheChangeThenMakesAndChangesNothingItself() {
        String gate = Gates.onboard("Cửa khẩu xem trước", 4);
        String supervisor = Tokens.officer("gate-supervisor", gate);
        OffsetDateTime nine = Fixtures.slot(2, 9);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(Api.declare(FIRM, Fixtures.declaration(gate, "EXPORT", nine)).then().statusCode(201).extract().path("id"));
        }
        int freeAtNine = Api.available(gate, "EXPORT", nine);
        int freeAtTen = Api.available(gate, "EXPORT", nine.plusHours(1));

        Map<String, Object> preview = capacity("POST", gate, supervisor, nine, 2).then().statusCode(200)
                .body("slotsChanged", equalTo(1)).body("moved.size()", equalTo(2)).extract().as(Map.class);

        assertEquals(freeAtNine, Api.available(gate, "EXPORT", nine), "a preview sets no capacity");
        assertEquals(freeAtTen, Api.available(gate, "EXPORT", nine.plusHours(1)), "nor moves anyone");
        for (String id : ids) {
            given().auth().oauth2(FIRM).get("/api/v1/declarations/" + id + "/events").then().statusCode(200)
                    .body("size()", equalTo(1));
            given().auth().oauth2(FIRM).get("/api/v1/declarations/" + id).then()
                    .body("slot.start", equalTo(Fixtures.iso(nine)));
        }
        given().auth().oauth2(Tokens.role("auditor")).get("/api/v1/audit/gates/" + gate).then().statusCode(200)
                .body("findAll { it.change == 'CAPACITY_SET' }.size()", equalTo(0));

        Map<String, Object> applied = capacity("PUT", gate, supervisor, nine, 2).then().statusCode(200).extract().as(Map.class);
        assertEquals(preview, applied, "the change does what its preview said");
        assertEquals(0, Api.available(gate, "EXPORT", nine));
    }

    @Test
    void onlyTheGatesSupervisorMayPreview() {
        OffsetDateTime nine = Fixtures.slot(2, 9);
        capacity("POST", "HUU_NGHI", Tokens.officer("gate-supervisor", "TAN_THANH"), nine, 1).then().statusCode(403);
        capacity("POST", "HUU_NGHI", Tokens.officer("yard-officer", "HUU_NGHI"), nine, 1).then().statusCode(403);
        capacity("POST", "HUU_NGHI", FIRM, nine, 1).then().statusCode(403);
        given().auth().oauth2(Tokens.officer("gate-supervisor", "HUU_NGHI")).contentType(ContentType.JSON)
                .body(Map.of("direction", "EXPORT")).post("/api/v1/gates/HUU_NGHI/capacity/preview").then().statusCode(400);
    }

    /**
     * What a capacity change could leave behind: capacity rows, ledger rows of days that have no ledger
     * (before today, after the day that opens next of a 7-day horizon), audit entries of the gate.
     */
    static List<Long> traces(String gate) {
        return List.of(Database.count("SELECT count(*) FROM slot_capacities WHERE gate_code = ?", gate),
                Database.count("SELECT count(*) FROM ledger_epochs WHERE gate_code = ? AND (day < ? OR day > ?)", gate,
                        Fixtures.today(), Fixtures.today().plusDays(8)),
                Database.count("SELECT count(*) FROM gate_changes WHERE gate_code = ?", gate));
    }

    @Test
    void aChangeOfDaysAlreadyPastIsRefusedAndWritesNothing() {
        String gate = Gates.onboard("Cửa khẩu quá khứ", 4);
        String supervisor = Tokens.officer("gate-supervisor", gate);
        List<Long> before = traces(gate);
        OffsetDateTime yearAgo = Fixtures.slot(0, 9).minusYears(1);
        OffsetDateTime yesterday = Fixtures.slot(-1, 9);

        for (String method : List.of("PUT", "POST")) {
            capacity(method, gate, supervisor, yearAgo, 1).then().statusCode(400)
                    .body("type", endsWith("/problems/validation")).body("errors[0].field", equalTo("from"))
                    .body("errors[0].message", containsString(Fixtures.today().toString()));
            // Starting yesterday and ending in the horizon: refused as a whole, not half applied.
            capacity(method, gate, supervisor, Fixtures.iso(yesterday), Fixtures.iso(Fixtures.slot(1, 9)), 1).then()
                    .statusCode(400).body("errors[0].field", equalTo("from"));
        }
        assertEquals(before, traces(gate), "no capacity row, ledger row or audit entry for a refused change");
    }

    @Test
    void aChangeOfDaysNotYetInTheLedgerIsRefusedAndWritesNothing() {
        String gate = Gates.onboard("Cửa khẩu tương lai", 4);
        String supervisor = Tokens.officer("gate-supervisor", gate);
        List<Long> before = traces(gate);

        for (String method : List.of("PUT", "POST")) {
            capacity(method, gate, supervisor, Fixtures.slot(30, 9), 1).then().statusCode(400)
                    .body("errors[0].field", equalTo("to")).body("errors[0].message", containsString(Fixtures.today().toString()));
        }
        assertEquals(before, traces(gate));
    }

    @Test
    void timesAtTheEndsOfTheCalendarAreABadRequestNotAnError() {
        String gate = Gates.onboard("Cửa khẩu tận cùng", 4);
        String supervisor = Tokens.officer("gate-supervisor", gate);
        for (String method : List.of("PUT", "POST")) {
            capacity(method, gate, supervisor, "+999999999-12-31T21:00:00-18:00", "+999999999-12-31T23:00:00-18:00", 1)
                    .then().statusCode(400).body("type", endsWith("/problems/validation"));
            capacity(method, gate, supervisor, "-999999999-01-01T00:00:00+18:00", "-999999999-01-01T02:00:00+18:00", 1)
                    .then().statusCode(400).body("type", endsWith("/problems/validation"));
        }
    }
}
