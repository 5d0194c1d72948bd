package vn.bordergate.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;

/**
 * Refuses a path or query carrying an encoded NUL ({@code %00}) with a 400 problem before anything reads it:
 * no identifier, code or date contains one, and PostgreSQL cannot take it as text (it would answer 500).
 * Bodies are checked by {@link StrictJson}.
 */
@ApplicationScoped
class NulInAddress {

    static final int PRIORITY = 110;

    void register(@Observes Filters filters) {
        filters.register(NulInAddress::check, PRIORITY);
    }

    private static void check(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri != null && (uri.contains("%00") || uri.indexOf('\u0000') >= 0)) {
            ProblemException refusal = Problems.invalidField("(uri)", "must not contain the NUL character (%00)");
            rc.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                    .end(Json.encode(ProblemResponses.render(refusal, URI.create("/"))));
            return;
        }
        rc.next();
    }
}
