package vn.bordergate.yard;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.bordergate.support.Api;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The calls officers make at a gate, as a test reads them. */
final class GateDesk {

    static final String FIRM = Tokens.enterprise("0100109106-055");

    private GateDesk() {
    }

    static String book(String gate, String direction, OffsetDateTime slot, String category) {
        Map<String, Object> body = Fixtures.declaration(gate, direction, slot);
        @SuppressWarnings("unchecked")
        Map<String, Object> cargo = (Map<String, Object>) body.get("cargo");
        cargo.put("category", category);
        return Api.declare(FIRM, body).then().statusCode(201).extract().path("id");
    }

    static String qrToken(String id) {
        return given().auth().oauth2(FIRM).accept(ContentType.JSON).when().get("/api/v1/declarations/" + id + "/qr")
                .then().statusCode(200).extract().path("token");
    }

    static Response checkIn(String gate, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.officer("yard-officer", gate)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/gates/" + gate + "/check-ins");
    }

    static Response call(String gate, String direction, int count) {
        return given().auth().oauth2(Tokens.officer("gate-supervisor", gate)).contentType(ContentType.JSON)
                .body(Map.of("direction", direction, "count", count)).when().post("/api/v1/gates/" + gate + "/calls");
    }

    static Response inspect(String role, String gate, String id, String decision) {
        return given().auth().oauth2(Tokens.officer(role, gate)).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "note", "kiểm tra " + decision))
                .when().post("/api/v1/declarations/" + id + "/inspections");
    }

    static Response yard(String gate, String direction) {
        return given().auth().oauth2(Tokens.officer("yard-officer", gate)).queryParam("direction", direction)
                .when().get("/api/v1/gates/" + gate + "/yard");
    }

    static Response status(String id) {
        return given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id);
    }
}
