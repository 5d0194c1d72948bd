package vn.bordergate.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * How long a token is good for, with the production settings: until its exp plus 30 s of clock difference
 * (README), and never when it was issued for more than 24 h.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class TokenLifetimeTest {

    static String firm(Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer(Tokens.ISSUER).subject("firm-lifetime").groups(Set.of("enterprise"))
                .claim("tax_code", Tokens.FIRM_A).issuedAt(issuedAt).expiresAt(expiresAt).sign();
    }

    static void answers(String token, int status) {
        given().auth().oauth2(token).when().get("/api/v1/declarations?limit=1").then().statusCode(status);
    }

    @Test
    void aTokenExpiredLongerAgoThanTheClockSkewIsRefused() {
        Instant now = Instant.now();
        answers(firm(now.minus(Duration.ofMinutes(10)), now.minusSeconds(45)), 401);
        given().auth().oauth2(firm(now.minus(Duration.ofMinutes(10)), now.minusSeconds(45)))
                .when().get("/api/v1/declarations?limit=1")
                .then().statusCode(401).body("type", containsString("unauthenticated"));
        // Within the documented 30 s of skew, a token the identity provider's clock still calls valid is accepted.
        answers(firm(now.minus(Duration.ofMinutes(10)), now.minusSeconds(5)), 200);
    }

    @Test
    void aTokenIssuedForMoreThanADayIsRefused() {
        Instant now = Instant.now();
        answers(firm(now, now.plus(Duration.ofDays(36_500))), 401);
        answers(firm(now, now.plus(Duration.ofHours(25))), 401);
        answers(firm(now, now.plus(Duration.ofHours(23))), 200);
    }
}
