package vn.bordergate.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The province's identity provider, a real Keycloak with the demo realm (deploy/keycloak): a firm's system books
 * with a client-credentials token, a token issued for another application is refused, the console's sign-in
 * starts the authorization-code flow with PKCE. The whole sign-in in a browser: BrowserSignInTest.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class IdentityProviderTest {

    @Test
    void aFirmsSystemBooksWithAClientCredentialsToken() throws Exception {
        String token = EmbeddedServices.keycloak().clientCredentials("firm-0100109106", "demo-firm-secret");

        Response booked = Api.declare(token, Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.spareSlot(9)));

        booked.then().statusCode(201).body("status", equalTo("BOOKED"));
        String id = booked.path("id");
        // The declaration is the firm's whose tax code the provider put on the client: its own token and any other
        // token of that firm see it, another firm's does not.
        given().auth().oauth2(token).when().get("/api/v1/declarations/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).when().get("/api/v1/declarations/" + id)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_B)).when().get("/api/v1/declarations/" + id)
                .then().statusCode(404);
    }

    @Test
    void aProviderTokenForAnotherApplicationIsRefused() throws Exception {
        String notForThisApi = EmbeddedServices.keycloak().clientCredentials("wharf-system", "demo-wharf-secret");

        given().auth().oauth2(notForThisApi).when().get("/api/v1/declarations?limit=1")
                .then().statusCode(401).body("type", containsString("unauthenticated"));
    }

    @Test
    void aProviderTokenWithAnAlteredSignatureIsRefused() throws Exception {
        String token = EmbeddedServices.keycloak().clientCredentials("firm-0100109106", "demo-firm-secret");
        int lastDot = token.lastIndexOf('.');
        char first = token.charAt(lastDot + 1);
        String forged = token.substring(0, lastDot + 1) + (first == 'A' ? 'B' : 'A') + token.substring(lastDot + 2);

        given().auth().oauth2(forged).when().get("/api/v1/declarations?limit=1").then().statusCode(401);
        given().auth().oauth2(token).when().get("/api/v1/declarations?limit=1").then().statusCode(200);
    }

    @Test
    void theConsoleSessionIsRefusedWithoutSigningIn() {
        given().when().get("/console/session")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", containsString("unauthenticated"));
    }

    @Test
    void signingInSendsTheOfficerToTheProviderWithPkce() {
        Response answer = given().redirects().follow(false).when().get("/console/sign-in");

        answer.then().statusCode(302);
        String location = URLDecoder.decode(answer.header("Location"), StandardCharsets.UTF_8);
        assertThat(location, startsWith(EmbeddedServices.keycloak().realmUrl() + "/protocol/openid-connect/auth?"));
        for (String parameter : new String[]{"client_id=bordergate-console", "response_type=code",
                "code_challenge_method=S256", "code_challenge=", "state=", "redirect_uri=http://localhost:8081/console/sign-in"}) {
            assertThat(location, containsString(parameter));
        }
    }
}
