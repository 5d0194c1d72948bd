package vn.bordergate.driversignin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * A driver has no account: the firm asks for a one-time code for its declaration, the driver signs in with it
 * once and sees the trips of the declaration's driver phone. Production settings (code lifetime, token lifetime).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class DriverSignInTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);

    static String declared() {
        return Api.declare(FIRM, Fixtures.declaration("HUU_NGHI", "IMPORT", Fixtures.spareSlot(15)))
                .then().statusCode(201).extract().path("id");
    }

    static Response code(String token, String id) {
        return given().auth().oauth2(token).when().post("/api/v1/declarations/" + id + "/driver-sign-in-codes");
    }

    static Response signIn(String code) {
        return given().header("X-Sign-In-Code", code).when().post("/api/v1/driver-sessions");
    }

    @Test
    void theDriverSignsInOnceWithTheFirmsCodeAndSeesTheTrip() {
        String id = declared();
        Response issued = code(FIRM, id);
        issued.then().statusCode(201).header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"));
        String code = issued.path("code");
        assertThat(code, matchesPattern("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
        assertThat(issued.path("link"), equalTo("/driver#code=" + code));

        // Typed as a driver types it from an SMS: lower case, the dash left out.
        Response session = signIn(code.replace("-", "").toLowerCase());
        session.then().statusCode(201);
        String driver = session.path("accessToken");
        given().auth().oauth2(driver).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().auth().oauth2(driver).when().get("/api/v1/declarations?limit=50").then().statusCode(200)
                .body("items.id", hasItem(id));
        // The driver may not act for the firm.
        given().auth().oauth2(driver).contentType(ContentType.JSON).body(Map.of("reason", "not mine to cancel"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(403);

        // Spent by its first use.
        signIn(code).then().statusCode(401).body("type", org.hamcrest.Matchers.endsWith("sign-in-code-not-valid"));
    }

    @Test
    void onlyTheDeclaringFirmGetsACodeAndOnlyWhileTheTruckIsOnItsWay() {
        String id = declared();
        code(Tokens.enterprise(Tokens.FIRM_B), id).then().statusCode(404);
        code(Tokens.driver("+84912345678"), id).then().statusCode(403);

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "trip called off"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        code(FIRM, id).then().statusCode(409).body("currentStatus", equalTo("CANCELLED"));
    }

    @Test
    void aMadeUpCodeOrAForgedDriverTokenSignsNobodyIn() {
        signIn("ABCD-EFGH").then().statusCode(401);
        signIn("not a code at all").then().statusCode(401);
        given().when().post("/api/v1/driver-sessions").then().statusCode(401);

        // A token naming the driver sign-in's issuer, signed with another key (here the demo key): refused.
        String forged = Jwt.issuer(DriverTokens.ISSUER).subject("driver:forged").audience("bordergate-api")
                .groups(Set.of("driver")).claim("phone", "+84912345678").expiresIn(600).sign();
        given().auth().oauth2(forged).when().get("/api/v1/declarations?limit=1").then().statusCode(401);
    }
}
