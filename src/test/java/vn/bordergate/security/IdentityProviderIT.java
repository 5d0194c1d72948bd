package vn.bordergate.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.local.EmbeddedKeycloak;
import vn.bordergate.support.Eventually;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production artifact in the production profile, trusting a real Keycloak (the demo realm) as the
 * province's identity provider beside its configured key: a firm's system books with a client-credentials token,
 * a token of another application of the province is refused, and officers' sign-in is offered only when it is
 * configured, never with the demo realm's secret.
 */
class IdentityProviderIT {

    static EmbeddedKeycloak keycloak;
    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        keycloak = EmbeddedKeycloak.start(Path.of("deploy/keycloak/bordergate-realm.json"),
                Path.of("target/keycloak-it.log"));
        service = PackagedService.start(1, Map.of("BORDERGATE_OIDC_URL", keycloak.realmUrl()));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aFirmsSystemBooksWithAClientCredentialsTokenAndOtherApplicationsAreRefused() throws Exception {
        String firm = keycloak.clientCredentials("firm-0100109106", "demo-firm-secret");
        // The instance fetches the provider's keys as it starts, without holding its readiness on them.
        assertTrue(Eventually.within(Duration.ofSeconds(20),
                () -> service.get(0, "/api/v1/declarations?limit=1", firm).statusCode() == 200));

        HttpResponse<String> booked = service.declare(0, firm, Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.slot(2, 14)));
        assertEquals(201, booked.statusCode(), booked.body());
        assertTrue(booked.body().contains("\"0100109106\""), booked.body());

        String wharf = keycloak.clientCredentials("wharf-system", "demo-wharf-secret");
        assertEquals(401, service.get(0, "/api/v1/declarations?limit=1", wharf).statusCode());
        // Sign-in is not configured here: the console offers only the token sign-in.
        HttpResponse<String> session = service.get(0, "/console/session", null);
        assertEquals(404, session.statusCode(), session.body());
        assertTrue(session.body().contains("sign-in-not-offered"), session.body());
        HttpResponse<String> signIn = service.get(0, "/console/sign-in", null);
        assertEquals(404, signIn.statusCode(), signIn.body());
    }

    @Test
    void officersSignInNeverStartsWithTheDemoRealmsSecret() throws Exception {
        int instance = service.startInstance(Map.of("BORDERGATE_OIDC_SIGN_IN", "true",
                "BORDERGATE_OIDC_CONSOLE_SECRET", EmbeddedKeycloak.CONSOLE_SECRET));
        Process process = service.process(instance);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the instance stops by itself");
        String log = Files.readString(service.log(instance));
        assertTrue(process.exitValue() != 0 && log.contains("refusing to start") && log.contains("published demo secret"),
                log.lines().filter(l -> l.contains("refusing")).findFirst().orElse(log));
    }
}
