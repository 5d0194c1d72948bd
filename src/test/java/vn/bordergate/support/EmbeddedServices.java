package vn.bordergate.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.bordergate.local.EmbeddedInfrastructure;
import vn.bordergate.local.EmbeddedKeycloak;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts one real PostgreSQL, one real Redis and one real Keycloak for the whole test run (no mocks, no Docker).
 * Keycloak starts beside the other two, as it takes longest.
 */
public class EmbeddedServices implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedInfrastructure infrastructure;
    private static EmbeddedKeycloak keycloak;

    @Override
    public synchronized Map<String, String> start() {
        if (infrastructure == null) {
            CompletableFuture<EmbeddedKeycloak> starting = CompletableFuture.supplyAsync(() -> EmbeddedKeycloak.start(
                    Path.of("deploy/keycloak/bordergate-realm.json"), Path.of("target/keycloak.log")));
            // auto_explain loaded but silent, and the server log in a file: HistoryPlansTest reads the plans.
            infrastructure = EmbeddedInfrastructure.start(null, true);
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
            keycloak = starting.join();
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
        }
        Map<String, String> properties = new HashMap<>(infrastructure.quarkusProperties());
        properties.putAll(keycloak.quarkusProperties());
        return properties;
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: later test profiles reuse the same servers; the shutdown hook stops them.
    }

    public static EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    /** The Keycloak the service trusts in the tests, with the demo realm. */
    public static EmbeddedKeycloak keycloak() {
        return keycloak;
    }
}
