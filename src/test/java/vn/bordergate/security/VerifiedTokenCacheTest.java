package vn.bordergate.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token is verified once and then recognised, but never in place of another: a token whose signature
 * was changed is refused even after the genuine one was remembered, and a remembered token keeps its
 * roles and its firm.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aRememberedTokenStillActsAsItsOwnFirmAndRole() {
        String firm = Tokens.enterprise(Tokens.FIRM_B);
        int before = cache.size();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(firm).when().get("/api/v1/declarations?limit=5")
                    .then().statusCode(200).body("items", everyItem(hasEntry("taxCode", Tokens.FIRM_B)));
            // The firm's token never becomes an officer's, however often it is seen.
            given().auth().oauth2(firm).when().get("/api/v1/stats/gates/HUU_NGHI").then().statusCode(403);
        }
        assertEquals(before + 1, cache.size(), "one token, verified once and remembered once");
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAfterTheGenuineOneWasRemembered() {
        String genuine = Tokens.enterprise(Tokens.FIRM_A);
        given().auth().oauth2(genuine).when().get("/api/v1/declarations?limit=1").then().statusCode(200);
        int remembered = cache.size();

        String signature = genuine.substring(genuine.lastIndexOf('.') + 1);
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1)
                + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        given().auth().oauth2(forged).when().get("/api/v1/declarations?limit=1").then().statusCode(401);
        assertEquals(remembered, cache.size(), "a refused token is not remembered");
    }
}
