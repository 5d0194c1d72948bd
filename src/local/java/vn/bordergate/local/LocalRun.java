package vn.bordergate.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Entry used by {@code BorderGateMain} under {@code -Dlocal}: starts the embedded servers (PostgreSQL, Redis, and
 * Keycloak with the demo realm) once per JVM and exports their addresses as system properties, which Quarkus
 * reads when it builds its runtime config.
 */
public final class LocalRun {

    private static final String STARTED = "bordergate.local-infrastructure.started";

    private LocalRun() {
    }

    public static void startInfrastructure() {
        // Dev mode restarts the application (same JVM, new class loader) on every code change:
        // system properties survive that, static fields do not.
        if (System.getProperty(STARTED) != null) {
            return;
        }
        // Keycloak takes longest: it starts beside PostgreSQL and Redis.
        CompletableFuture<EmbeddedKeycloak> keycloak = CompletableFuture.supplyAsync(() -> EmbeddedKeycloak.start(
                Path.of("deploy", "keycloak", "bordergate-realm.json"), Path.of("target", "local-data", "keycloak.log")));
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(Path.of("target", "local-data", "postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "embedded-infrastructure-stop"));
        for (Map.Entry<String, String> property : infrastructure.quarkusProperties().entrySet()) {
            System.setProperty(property.getKey(), property.getValue());
        }
        EmbeddedKeycloak started = keycloak.join();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-keycloak-stop"));
        for (Map.Entry<String, String> property : started.quarkusProperties().entrySet()) {
            System.setProperty(property.getKey(), property.getValue());
        }
        System.setProperty(STARTED, "true");
    }
}
