package vn.bordergate.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Tokens;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A signed token is still input. Claims this API reads are taken in any usable shape (a code named twice is
 * one code, a comma-separated text is a list), and a claim it cannot use (a null in a list, a number for a
 * text) is a 401 that says which claim, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class ClaimShapesTest {

    static final String YARD = "/api/v1/gates/HUU_NGHI/yard?direction=EXPORT";

    @Test
    void aCodeNamedTwiceIsOneCode() {
        String officer = Jwt.issuer(Tokens.ISSUER).subject("twice").groups(Set.of("yard-officer"))
                .claim("gates", List.of("HUU_NGHI", "HUU_NGHI")).sign();
        given().auth().oauth2(officer).when().get(YARD).then().statusCode(200);
        String commas = Jwt.issuer(Tokens.ISSUER).subject("commas").groups(Set.of("yard-officer"))
                .claim("gates", "HUU_NGHI,HUU_NGHI").sign();
        given().auth().oauth2(commas).when().get(YARD).then().statusCode(200);
        // Named twice, a province is still only that province: Hữu Nghị (Lạng Sơn) stays out of its reach.
        String province = Jwt.issuer(Tokens.ISSUER).subject("province-twice").groups(Set.of("province-admin"))
                .claim("provinces", List.of("QUANG_NINH", "QUANG_NINH")).sign();
        given().auth().oauth2(province).contentType("application/json").body("{\"exportCapacity\": 1}")
                .when().patch("/api/v1/gates/HUU_NGHI").then().statusCode(403);
    }

    @Test
    void aNullAmongTheCodesIsRefusedWithTheClaimNamed() {
        String officer = Jwt.issuer(Tokens.ISSUER).subject("with-null").groups(Set.of("yard-officer"))
                .claim("gates", Json.createArrayBuilder().add("HUU_NGHI").add(JsonValue.NULL).build()).sign();
        given().auth().oauth2(officer).when().get(YARD)
                .then().statusCode(401).body("detail", containsString("gates"));
    }

    @Test
    void aNumberWhereTextBelongsIsRefusedWithTheClaimNamed() {
        String firm = Jwt.issuer(Tokens.ISSUER).subject("numeric-firm").groups(Set.of("enterprise"))
                .claim("tax_code", 100109106L).sign();
        given().auth().oauth2(firm).when().get("/api/v1/declarations?limit=1")
                .then().statusCode(401).body("detail", containsString("tax_code"));
        String gates = Jwt.issuer(Tokens.ISSUER).subject("object-gates").groups(Set.of("yard-officer"))
                .claim("gates", Json.createObjectBuilder().add("code", "HUU_NGHI").build()).sign();
        given().auth().oauth2(gates).when().get(YARD)
                .then().statusCode(401).body("title", equalTo("Authentication required"));
    }
}
