package vn.bordergate.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/**
 * A refusal sent by an HTTP filter, before the REST layer has read the request: the same problem+json as
 * every other refusal, and the connection closed once the body still on its way has been drained (a client
 * may be sending one the service will never read).
 */
final class EarlyRefusal {

    // How long a refused body may keep arriving before the connection is closed on a slow sender.
    static final long LINGER_MILLIS = 2_000;

    private EarlyRefusal() {
    }

    static void send(RoutingContext rc, ProblemException problem) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON);
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(done -> lingerThenClose(rc));
        }
        response.end(Json.encode(ProblemResponses.render(problem, requestUri(request))));
    }

    /**
     * Discards the body still on its way before closing. Closing at once, with unread bytes, makes the
     * kernel send a reset that can destroy the refusal before a client still writing its body reads it.
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

    private static URI requestUri(HttpServerRequest request) {
        try {
            return URI.create(request.absoluteURI());
        } catch (RuntimeException e) {
            // A request line too odd to be a URI still deserves its answer; the problem type is then relative.
            return URI.create("/");
        }
    }
}
