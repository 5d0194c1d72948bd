package vn.bordergate.live;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of a new instance: it takes traffic once it has heard its own probe on the live events channel.
 * Before that, a follower connected to it would miss what other instances commit. Once heard, a later loss
 * of the channel leaves it ready ({@link LiveEventsHealth} reports that).
 */
@Readiness
@ApplicationScoped
public class LiveEventsStarted implements HealthCheck {

    private final LiveEvents live;

    public LiveEventsStarted(LiveEvents live) {
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("live-events-started").status(live.heardOnce()).build();
    }
}
