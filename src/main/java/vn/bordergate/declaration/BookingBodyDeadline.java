package vn.bordergate.declaration;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.bordergate.common.ProblemException;
import vn.bordergate.common.ProblemResponses;
import vn.bordergate.slot.AdmissionConfig;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives a booking's body {@code body-timeout} to arrive once its headers have: a client trickling its body
 * would otherwise hold a connection and a request in progress for as long as it likes. Past it, 408 and the
 * connection is closed.
 * <p>
 * It cannot be walked around: requests are matched on the path as the router resolves it (dot segments,
 * doubled slashes and percent-encoded letters give the same endpoint).
 */
@ApplicationScoped
class BookingBodyDeadline {

    // Runs before authentication and body handling (a filter's route order is minus its priority).
    static final int PRIORITY = 90;
    private static final Set<String> BOOKINGS = Set.of("/api/v1/declarations", "/api/v1/declarations/batch");
    private static final Pattern DOUBLED_SLASHES = Pattern.compile("/{2,}");

    private final AdmissionConfig config;

    BookingBodyDeadline(AdmissionConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        if (rc.request().method() == HttpMethod.POST && !rc.request().isEnded() && isBooking(rc.normalizedPath())) {
            limitBodyArrival(rc);
        }
        rc.next();
    }

    /** Whether a path, as the router resolves it, names a booking endpoint. */
    static boolean isBooking(String normalizedPath) {
        // Runs for every POST: no regex unless the path has a doubled slash to fold.
        String path = normalizedPath.contains("//") ? DOUBLED_SLASHES.matcher(normalizedPath).replaceAll("/") : normalizedPath;
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return BOOKINGS.contains(path);
    }

    private void limitBodyArrival(RoutingContext rc) {
        long timer = rc.vertx().setTimer(config.bodyTimeout().toMillis(), late -> {
            if (!rc.request().isEnded() && !rc.response().ended()) {
                Log.debugf("booking body still arriving after %s: 408", config.bodyTimeout());
                ProblemException slow = new ProblemException(408, "request-timeout", "Request body too slow",
                        "the request body did not arrive within " + config.bodyTimeout().toSeconds() + " s");
                rc.response().setStatusCode(408)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(ProblemResponses.render(slow, URI.create(rc.request().absoluteURI()))))
                        .onComplete(sent -> rc.request().connection().close());
            }
        });
        rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
    }
}
