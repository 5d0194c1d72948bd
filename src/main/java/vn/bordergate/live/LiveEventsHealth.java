package vn.bordergate.live;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether this instance hears the live events channel now ({@code /q/health/well}): DOWN while Redis is
 * unreachable or the subscription is being made again. Not a readiness check: Redis is shared, so it would
 * take every instance out of the load balancer at once, although bookings, transitions and reads all go on
 * through PostgreSQL meanwhile and followers catch up from it when the channel returns.
 */
@Wellness
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
