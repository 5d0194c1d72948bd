package vn.bordergate.declaration.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemResponses;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.bordergate.security.RateLimits;
import vn.bordergate.security.VerifiedTokenCache;
import vn.bordergate.slot.AdmissionConfig;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the booking requests one instance works on at once, and lines up the rest. When a booking day
 * opens, thousands of firms' systems submit in the same second: up to {@code max-bookings-in-flight} run,
 * the others wait their turn, firm by firm ({@link AdmissionQueue}), paused before their body is read, so
 * waiting costs almost nothing. The firm is taken from the token once it is verified (a few tens of
 * microseconds, once per token), so a forged token waits as its sender, not as the firm it names. Only a booking whose wait would exceed
 * {@code max-queue-wait} is refused, at once, with 429 and Retry-After: a burst is answered with the truth
 * (a place, or "slot full"), not with "come back later".
 * <p>
 * It cannot be walked around: requests are matched on the path as the router resolves it (dot segments,
 * doubled slashes and percent-encoded letters give the same endpoint), one firm holds at most its share of
 * the bookings inside, and a body that does not arrive within {@code body-timeout} of its turn gets 408.
 */
@ApplicationScoped
public class BookingConcurrencyLimit {

    // Runs before authentication and body handling (a filter's route order is minus its priority).
    static final int PRIORITY = 90;
    private static final Set<String> BOOKINGS = Set.of("/api/v1/declarations", "/api/v1/declarations/batch");
    private static final java.util.regex.Pattern DOUBLED_SLASHES = java.util.regex.Pattern.compile("/{2,}");

    private final AdmissionQueue<Passage> queue;
    private final AdmissionConfig config;
    private final VerifiedTokenCache tokens;
    // Zero for a booking that found a place at once: the distribution says how often bookings wait, and how long.
    private final Timer waits;

    public BookingConcurrencyLimit(AdmissionConfig config, VerifiedTokenCache tokens, MeterRegistry metrics) {
        this.config = config;
        this.tokens = tokens;
        this.waits = Timer.builder("bordergate.admission.queue.wait")
                .description("How long a booking waited in this instance's admission line before it started or was refused")
                .register(metrics);
        this.queue = new AdmissionQueue<>(config.maxBookingsInFlight(), config.maxBookingsInFlightPerFirm(),
                config.maxQueued(), config.maxQueueWait().toNanos());
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !isBooking(rc.normalizedPath())) {
            rc.next();
            return;
        }
        // Paused first: a booking that waits its turn must not have its body read meanwhile.
        rc.request().pause();
        Passage passage = new Passage(rc, firmOf(rc.request().getHeader(HttpHeaders.AUTHORIZATION),
                rc.request().remoteAddress()), Vertx.currentContext());
        rc.addEndHandler(done -> passage.ended());
        switch (queue.arrive(passage.firm, passage, System.nanoTime())) {
            case ENTERED -> passage.start();
            case QUEUED -> Log.tracef("booking of firm %s waits its turn", passage.firm);
            case FIRM_AT_ITS_SHARE, WAIT_TOO_LONG -> passage.refuse();
        }
    }

    /**
     * One booking's way through the limit: refused, waiting its turn, or running since {@code startedAt}.
     * Its steps run on its own event loop ({@code context}), one after the other.
     */
    private final class Passage {
        private final RoutingContext rc;
        private final String firm;
        private final Context context;
        private final long arrivedAt = System.nanoTime();
        private long startedAt = -1;
        private boolean refused;
        private boolean over;

        Passage(RoutingContext rc, String firm, Context context) {
            this.rc = rc;
            this.firm = firm;
            this.context = context;
        }

        void start() {
            if (over) {
                return; // the client left as its turn came; ended() has passed the turn on
            }
            startedAt = System.nanoTime();
            waits.record(startedAt - arrivedAt, TimeUnit.NANOSECONDS);
            rc.request().resume();
            limitBodyArrival(rc);
            rc.next();
        }

        void refuse() {
            refused = true;
            waits.record(System.nanoTime() - arrivedAt, TimeUnit.NANOSECONDS);
            tooManyAnswer(rc);
        }

        /** Its turn came after the deadline had passed: refused, and the turn passes on at once. */
        void refuseLate() {
            refuse();
            handOver(queue.leave(firm, -1, System.nanoTime()));
        }

        /** The answer went out, or the client went away: its place (or its place in line) passes on. */
        void ended() {
            if (over) {
                return;
            }
            over = true;
            if (refused || (startedAt < 0 && queue.withdraw(firm, this))) {
                return;
            }
            long now = System.nanoTime();
            handOver(queue.leave(firm, startedAt < 0 ? -1 : now - startedAt, now));
        }
    }

    /** Starts the booking whose turn it is, on its own event loop; one that waited past the deadline is refused. */
    private void handOver(AdmissionQueue.Turn<Passage> turn) {
        if (turn == null) {
            return;
        }
        Passage next = turn.waiter();
        Runnable step = turn.expired() ? next::refuseLate : next::start;
        if (next.context == null) {
            step.run();
        } else {
            next.context.runOnContext(v -> step.run());
        }
    }

    private void tooManyAnswer(RoutingContext rc) {
        ProblemException refusal = tooMany(config.retryAfterSeconds());
        rc.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                .putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()))
                .end(Json.encode(ProblemResponses.render(refusal, URI.create(rc.request().absoluteURI()))));
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

    /**
     * Whose share a booking counts against: the firm of its token, verified here (once per token; the REST
     * layer then finds it verified), else the caller's address. A forged token naming another firm's tax
     * code takes none of that firm's share.
     */
    String firmOf(String authorization, SocketAddress caller) {
        JsonWebToken token = tokens.verify(authorization);
        if (token == null) {
            return RateLimits.addressOf(caller);
        }
        return VerifiedTokenCache.payload(token).getValue("tax_code") instanceof String taxCode
                ? "firm:" + taxCode : "sub:" + token.getSubject();
    }

    /** Bookings running on this instance now. */
    public int inFlight() {
        return queue.inFlight();
    }

    /** Bookings waiting their turn on this instance now. */
    public int queued() {
        return queue.queued();
    }

    static ProblemException tooMany(int retryAfterSeconds) {
        return new ProblemException(429, "too-many-requests", "Too many bookings at once",
                "this instance cannot start this booking within its deadline (or the firm has its share of the "
                        + "bookings in progress); retry after " + retryAfterSeconds + " s")
                .retryAfter(retryAfterSeconds);
    }
}
