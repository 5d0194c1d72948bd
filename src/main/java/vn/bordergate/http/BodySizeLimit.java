package vn.bordergate.http;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses a request whose Content-Length is over {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json, before a byte of the body is read.
 */
@ApplicationScoped
class BodySizeLimit {

    // A filter's route order is minus its priority: this runs before Quarkus' own check (order -2),
    // which answers the same requests with a bare 413 and no body.
    static final int PRIORITY = 100;

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        limit.ifPresent(max -> filters.register(rc -> check(rc, max.asLongValue()), PRIORITY));
    }

    private static void check(RoutingContext rc, long limit) {
        if (declaredLength(rc.request()) > limit) {
            Log.debugf("refused a body over %d bytes on %s %s", limit, rc.request().method(), rc.request().path());
            EarlyRefusal.send(rc, Problems.bodyTooLarge(limit));
        } else {
            rc.next();
        }
    }

    /**
     * The Content-Length, or -1 without one: a chunked body is then limited while the REST layer reads it
     * (Quarkus answers that case with a bare 413).
     */
    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
