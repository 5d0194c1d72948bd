package vn.bordergate.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outside dev mode and the tests, officers' sign-in at the identity provider starts only with the provider's
 * address and a real console client secret (ProductionTrust; the other rules: ProductionTrustIT).
 */
class ConsoleSignInTrustTest {

    static final String URL = "https://sso.langson.gov.vn/realms/bordergate";
    static final String REAL_SECRET = "a-secret-of-the-provinces-own-making-4f9c2e";

    static List<String> problems(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500)).build();
        return ProductionTrust.consoleSignInProblems(config);
    }

    @Test
    void signInOffWantsNothing() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problems(Map.of("quarkus.oidc.console.tenant-enabled", "false")));
    }

    @Test
    void signInOnWantsTheProvidersAddressAndARealSecret() {
        assertEquals(List.of(), problems(Map.of("quarkus.oidc.console.tenant-enabled", "true",
                "bordergate.identity-provider.url", URL, "quarkus.oidc.console.credentials.secret", REAL_SECRET)));

        List<String> noProvider = problems(Map.of("quarkus.oidc.console.tenant-enabled", "true",
                "quarkus.oidc.console.credentials.secret", REAL_SECRET));
        assertTrue(noProvider.size() == 1 && noProvider.getFirst().contains("BORDERGATE_OIDC_URL"), noProvider.toString());

        List<String> demo = problems(Map.of("quarkus.oidc.console.tenant-enabled", "true",
                "bordergate.identity-provider.url", URL, "quarkus.oidc.console.credentials.secret", "demo-console-secret"));
        assertTrue(demo.size() == 1 && demo.getFirst().contains("published demo secret"), demo.toString());

        List<String> none = problems(Map.of("quarkus.oidc.console.tenant-enabled", "true",
                "bordergate.identity-provider.url", URL));
        assertTrue(none.size() == 1 && none.getFirst().contains("at least 32 bytes"), none.toString());
    }
}
