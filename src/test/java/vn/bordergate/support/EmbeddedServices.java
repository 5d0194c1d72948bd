package vn.bordergate.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.bordergate.local.EmbeddedInfrastructure;

import java.util.HashMap;
import java.util.Map;

/** Starts one real PostgreSQL and one real Redis for the whole test run (no mocks, no Docker). */
public class EmbeddedServices implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedInfrastructure infrastructure;

    @Override
    public synchronized Map<String, String> start() {
        if (infrastructure == null) {
            // auto_explain loaded but silent, and the server log in a file: HistoryPlansTest reads the plans.
            infrastructure = EmbeddedInfrastructure.start(null, true);
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
        }
        Map<String, String> properties = new HashMap<>(infrastructure.quarkusProperties());
        return properties;
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: later test profiles reuse the same servers; the shutdown hook stops them.
    }

    public static EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }
}
