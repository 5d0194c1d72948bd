package vn.bordergate.support;

import io.quarkus.arc.Arc;
import vn.bordergate.stats.Rollups;

import java.time.Duration;

/**
 * Runs the statistics' roll-up now, as its schedule would within {@code bordergate.statistics.rollup-every}:
 * a test that reads statistics right after a change waits for it this way instead of sleeping.
 */
public final class RolledUp {

    private RolledUp() {
    }

    public static void now() {
        Arc.container().instance(Rollups.class).get().run().await().atMost(Duration.ofSeconds(60));
    }
}
