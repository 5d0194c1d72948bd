package vn.bordergate.declaration;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.bordergate.common.ProblemException;
import vn.bordergate.common.ProblemResponses;
import vn.bordergate.common.UnverifiedClaims;
import vn.bordergate.slot.AdmissionConfig;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the booking requests one instance works on at once. When a booking day opens, thousands of
 * firms' systems submit in the same second; queueing them all would only make every answer late. Past the
 * bound a booking is refused at once with 429 and Retry-After, before its token is verified or its body
 * read, so refusing costs almost nothing, and the firm's system retries.
 * <p>
 * It cannot be walked around: requests are matched on the path as the router resolves it (dot segments,
 * doubled slashes and percent-encoded letters give the same endpoint), one firm holds at most its share of
 * the places, and a body that does not arrive within {@code body-timeout} gets 408 and frees its place.
 */
@ApplicationScoped
public class BookingConcurrencyLimit {

    // Runs before authentication and body handling (a filter's route order is minus its priority).
    static final int PRIORITY = 90;
    private static final Set<String> BOOKINGS = Set.of("/api/v1/declarations", "/api/v1/declarations/batch");
    private static final String NO_FIRM = "";
    private static final java.util.regex.Pattern DOUBLED_SLASHES = java.util.regex.Pattern.compile("/{2,}");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> inFlightByFirm = new ConcurrentHashMap<>();
    private final AdmissionConfig config;

    public BookingConcurrencyLimit(AdmissionConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !isBooking(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String firm = firmOf(UnverifiedClaims.of(rc));
        if (!tryEnter(firm)) {
            ProblemException refusal = tooMany(config.retryAfterSeconds());
            rc.response().setStatusCode(429)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                    .putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()))
                    .end(Json.encode(ProblemResponses.render(refusal, URI.create(rc.request().absoluteURI()))));
            return;
        }
        rc.addEndHandler(done -> leave(firm));
        limitBodyArrival(rc);
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

    /** Ends a request whose body is still arriving after {@code body-timeout} with 408, and closes it. */
    private void limitBodyArrival(RoutingContext rc) {
        if (rc.request().isEnded()) {
            return;
        }
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

    /** The firm a booking is for, from its token's claims read unverified: only to share the places fairly. */
    static String firmOf(JsonObject claims) {
        String taxCode = UnverifiedClaims.text(claims, "tax_code", 32);
        return taxCode == null ? NO_FIRM : taxCode;
    }

    /** Takes a place among the bookings in progress, or says there is none (for all, or for this firm). */
    boolean tryEnter(String firm) {
        if (inFlight.incrementAndGet() > config.maxBookingsInFlight()) {
            inFlight.decrementAndGet();
            return false;
        }
        if (firm.equals(NO_FIRM)) {
            return true;
        }
        boolean[] entered = {false};
        inFlightByFirm.compute(firm, (key, count) -> {
            int held = count == null ? 0 : count;
            if (held >= config.maxBookingsInFlightPerFirm()) {
                return count;
            }
            entered[0] = true;
            return held + 1;
        });
        if (!entered[0]) {
            inFlight.decrementAndGet();
        }
        return entered[0];
    }

    void leave(String firm) {
        inFlight.decrementAndGet();
        if (!firm.equals(NO_FIRM)) {
            // Counters at zero are dropped, so firms that come and go leave nothing behind.
            inFlightByFirm.computeIfPresent(firm, (key, count) -> count <= 1 ? null : count - 1);
        }
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
