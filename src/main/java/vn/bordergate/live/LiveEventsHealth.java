package vn.bordergate.live;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness reports whether this instance hears the live events channel (SSE followers, boards). */
@Readiness
@ApplicationScoped
public class LiveEventsHealth implements HealthCheck {

    private final LiveEvents live;

    public LiveEventsHealth(LiveEvents live) {
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("live-events").status(live.listening()).build();
    }
}
