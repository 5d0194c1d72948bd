package vn.bordergate.declaration;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the booking requests one instance works on at once. When a booking day opens, thousands of
 * firms' systems submit in the same second; queueing them all would only make every answer late. Past the
 * bound a booking is refused at once with 429 and Retry-After, before its token is verified or its body
 * read, so refusing costs almost nothing, and the firm's system retries.
 */
@ApplicationScoped
public class BookingGate {

    // Runs before authentication and body handling (a filter's route order is minus its priority).
    static final int PRIORITY = 90;
    private static final Set<String> BOOKINGS = Set.of("/api/v1/declarations", "/api/v1/declarations/",
            "/api/v1/declarations/batch");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AdmissionConfig config;

    public BookingGate(AdmissionConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !BOOKINGS.contains(rc.request().path())) {
            rc.next();
            return;
        }
        if (!tryEnter()) {
            ProblemException refusal = tooMany(config.retryAfterSeconds());
            rc.response().setStatusCode(429)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                    .putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()))
                    .end(Json.encode(ProblemResponses.render(refusal, URI.create(rc.request().absoluteURI()))));
            return;
        }
        rc.addEndHandler(done -> leave());
        rc.next();
    }

    /** Takes a place among the bookings in progress, or says there is none. */
    boolean tryEnter() {
        if (inFlight.incrementAndGet() > config.maxBookingsInFlight()) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    static ProblemException tooMany(int retryAfterSeconds) {
        return new ProblemException(429, "too-many-requests", "Too many bookings at once",
                "this instance is at its limit of bookings in progress; retry after " + retryAfterSeconds + " s")
                .retryAfter(retryAfterSeconds);
    }
}
