package vn.bordergate.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The calls most tests make: declaring a truck, and reading a slot's available places. */
public final class Api {

    private Api() {
    }

    public static Response declare(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().post("/api/v1/declarations");
    }

    public static int available(String gate, String direction, OffsetDateTime slot) {
        return given().queryParam("direction", direction).queryParam("date", slot.toLocalDate().toString())
                .when().get("/api/v1/gates/" + gate + "/slots")
                .then().statusCode(200).extract().path("find { it.start == '" + Fixtures.iso(slot) + "' }.available");
    }
}
