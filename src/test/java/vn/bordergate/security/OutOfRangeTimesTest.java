package vn.bordergate.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Times at the ends of the calendar (issue 25): every date and time a client sends is answered 400 naming
 * the field when it is out of range, never 500 from date arithmetic, and books or changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class OutOfRangeTimesTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);
    static final String GATE = "MONG_CAI";

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:00:00-18:00", "-999999999-01-01T00:00:00+18:00", "1995-06-01T09:00:00+07:00"})
    void aSlotStartOutOfRangeIsRefusedAndBooksNothing(String slotStart) {
        String plate = Fixtures.newPlate();
        Map<String, Object> body = Fixtures.declaration(GATE, "EXPORT", null, plate);
        body.put("slotStart", slotStart);

        Api.declare(FIRM, body).then().statusCode(400)
                .body("type", endsWith("/problems/validation")).body("errors.field", equalTo(List.of("slotStart")));
        assertEquals(0, Database.count("SELECT count(*) FROM declarations WHERE plate_key = ?", Fixtures.plateKey(plate)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:00:00-18:00", "-999999999-01-01T00:00:00+18:00"})
    void anAmendmentToASlotStartOutOfRangeIsRefusedAndChangesNothing(String slotStart) {
        String id = Api.declare(FIRM, Fixtures.declaration(GATE, "EXPORT", Fixtures.spareSlot(15))).then()
                .statusCode(201).extract().path("id");

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("slotStart", slotStart)).when().patch("/api/v1/declarations/" + id).then().statusCode(400)
                .body("type", endsWith("/problems/validation")).body("errors.field", equalTo(List.of("slotStart")));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("slot.start", equalTo(Fixtures.iso(Fixtures.spareSlot(15))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01"})
    void aQueryDateOutOfRangeIsABadRequestNamingTheParameter(String date) {
        given().queryParam("direction", "EXPORT").queryParam("date", date).when().get("/api/v1/gates/" + GATE + "/slots")
                .then().statusCode(400).body("errors.field", equalTo(List.of("date")));
        given().auth().oauth2(FIRM).queryParam("date", date).when().get("/api/v1/declarations")
                .then().statusCode(400).body("errors.field", equalTo(List.of("date")));
        String supervisor = Tokens.officer("gate-supervisor", GATE);
        given().auth().oauth2(supervisor).queryParam("from", date).when().get("/api/v1/stats/gates/" + GATE)
                .then().statusCode(400).body("errors.field", equalTo(List.of("from")));
        given().auth().oauth2(supervisor).queryParam("from", Fixtures.today().toString()).queryParam("to", date)
                .when().get("/api/v1/stats/gates/" + GATE).then().statusCode(400).body("errors.field", equalTo(List.of("to")));
    }
}
