package vn.bordergate.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Entry used by {@code BorderGateMain} under {@code -Dlocal}: starts the embedded servers once per JVM and
 * exports their addresses as system properties, which Quarkus reads when it builds its runtime config.
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
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(Path.of("target", "local-data", "postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "embedded-infrastructure-stop"));
        for (Map.Entry<String, String> property : infrastructure.quarkusProperties().entrySet()) {
            System.setProperty(property.getKey(), property.getValue());
        }
        System.setProperty(STARTED, "true");
    }
}
