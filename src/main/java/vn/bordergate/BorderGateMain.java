package vn.bordergate;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point: in a local run ({@code -Dlocal}) it first starts an embedded PostgreSQL and Redis. */
@QuarkusMain
public class BorderGateMain {

    static final String LOCAL_INFRASTRUCTURE = "bordergate.local-infrastructure";

    public static void main(String... args) {
        if (Boolean.getBoolean(LOCAL_INFRASTRUCTURE)) {
            startLocalInfrastructure();
        }
        Quarkus.run(args);
    }

    // Loaded by name: the embedded servers are compiled only into the local build, never into production.
    private static void startLocalInfrastructure() {
        try {
            Class.forName("vn.bordergate.local.LocalRun").getMethod("startInfrastructure").invoke(null);
        } catch (ReflectiveOperationException e) {
            Log.error("-Dbordergate.local-infrastructure=true needs the local build: ./mvnw quarkus:dev -Dlocal", e);
            throw new IllegalStateException(e);
        }
    }
}
