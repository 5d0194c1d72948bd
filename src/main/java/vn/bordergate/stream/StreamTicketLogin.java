package vn.bordergate.stream;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemResponses;
import vn.bordergate.http.Problems;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Lets a stream request carry {@code ?ticket=} instead of an {@code Authorization} header (see
 * {@link StreamTickets}). The ticket is spent here, before authentication, and the request goes on carrying
 * the bearer token it stands for, so the token is verified and scoped exactly as if the browser had sent it.
 * Only the GET of a declaration's stream takes a ticket: on any other path a ticket is ignored, so a spent
 * or leaked one can never change anything.
 */
@ApplicationScoped
class StreamTicketLogin {

    // After the request budget (120), before the booking bound (90) and authentication (which is lazy).
    static final int PRIORITY = 100;
    private static final Pattern STREAM = Pattern.compile("^/api/v1/declarations/[^/]+/stream/?$");

    private final StreamTickets tickets;

    StreamTicketLogin(StreamTickets tickets) {
        this.tickets = tickets;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        String ticket = rc.request().getParam("ticket");
        if (ticket == null || rc.request().method() != HttpMethod.GET || rc.request().headers().contains(HttpHeaders.AUTHORIZATION)
                || !STREAM.matcher(rc.normalizedPath()).matches()) {
            rc.next();
            return;
        }
        Context context = Vertx.currentContext();
        tickets.redeem(ticket).subscribe().with(token -> context.runOnContext(v -> {
            if (token == null) {
                refuse(rc, new ProblemException(401, "unauthenticated", "Stream ticket not valid",
                        "the ticket is unknown, already used or older than " + StreamTickets.LIFETIME.toSeconds()
                                + " s; ask POST /api/v1/stream-tickets for a new one"));
                return;
            }
            rc.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            rc.next();
        }), failure -> context.runOnContext(v -> {
            Log.warnf("stream ticket not redeemed: %s", failure.toString());
            refuse(rc, Problems.unavailable("stream tickets cannot be checked right now", 5));
        }));
    }

    private static void refuse(RoutingContext rc, ProblemException problem) {
        rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            rc.response().putHeader("Retry-After", problem.retryAfterSeconds().toString());
        }
        rc.response().end(Json.encode(ProblemResponses.render(problem, URI.create(rc.request().absoluteURI()))));
    }
}
