package vn.bordergate.http;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
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
    // How long a refused body may keep arriving before the connection is closed on a slow sender.
    static final long LINGER_MILLIS = 2_000;

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        limit.ifPresent(max -> filters.register(rc -> check(rc, max.asLongValue()), PRIORITY));
    }

    private static void check(RoutingContext rc, long limit) {
        if (declaredLength(rc.request()) > limit) {
            refuse(rc, limit);
        } else {
            rc.next();
        }
    }

    private static void refuse(RoutingContext rc, long limit) {
        HttpServerRequest request = rc.request();
        Log.debugf("refused a body over %d bytes on %s %s", limit, request.method(), request.path());
        HttpServerResponse response = rc.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON);
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(done -> lingerThenClose(rc));
        }
        response.end(Json.encode(ProblemResponses.render(Problems.bodyTooLarge(limit), requestUri(request))));
    }

    /**
     * Discards the body still on its way before closing. Closing at once, with unread bytes, makes the
     * kernel send a reset that can destroy the 413 before a client still writing its body reads it.
     */
    private static void lingerThenClose(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long timer = rc.vertx().setTimer(LINGER_MILLIS, late -> request.connection().close());
        request.handler(ignored -> { });
        request.endHandler(end -> {
            rc.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
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

    private static URI requestUri(HttpServerRequest request) {
        try {
            return URI.create(request.absoluteURI());
        } catch (RuntimeException e) {
            // A request line too odd to be a URI still deserves its answer; the problem type is then relative.
            return URI.create("/");
        }
    }
}
