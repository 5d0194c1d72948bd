package vn.bordergate.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request budget per client (OWASP API4): a token bucket of {@code burst} requests refilled at
 * {@code per-second}, keyed by the token's subject; requests without a token (the public board and slot
 * reads) share a larger budget per address. Every answer says where the client stands
 * ({@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}); past the budget a request is refused at
 * once with 429 + Retry-After. The booking in-flight bound ({@code BookingConcurrencyLimit}) is separate.
 */
@ApplicationScoped
class RateLimits {

    // Before everything else of ours: a client past its budget costs nothing more.
    static final int PRIORITY = 120;
    /** Clients tracked at once; beyond it, new ones share one bucket, so made-up subjects cannot grow memory. */
    static final int MAX_CLIENTS = 100_000;
    private static final String OVERFLOW = "(others)";
    static final int MAX_REFILL_SECONDS = 86_400;

    /** A client's bucket: tokens left at a moment. */
    static final class Bucket {
        double tokens;
        long atNanos;

        Bucket(double tokens, long atNanos) {
            this.tokens = tokens;
            this.atNanos = atNanos;
        }
    }

    /** What one request costs the client: whether it may go, what is left, and the seconds to wait or refill. */
    record Decision(boolean allowed, int remaining, int resetSeconds, int retryAfterSeconds) {
    }

    /** One budget: how many at once, and how fast it refills. */
    record Budget(int burst, double perSecond) {
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Budget authenticated;
    private final Budget anonymous;

    public RateLimits(@ConfigProperty(name = "bordergate.rate-limit.burst", defaultValue = "600") int burst,
                      @ConfigProperty(name = "bordergate.rate-limit.per-second", defaultValue = "60") double perSecond,
                      @ConfigProperty(name = "bordergate.rate-limit.anonymous-burst", defaultValue = "3000") int anonymousBurst,
                      @ConfigProperty(name = "bordergate.rate-limit.anonymous-per-second", defaultValue = "300")
                      double anonymousPerSecond) {
        this.authenticated = checked(new Budget(burst, perSecond), "bordergate.rate-limit");
        this.anonymous = checked(new Budget(anonymousBurst, anonymousPerSecond), "bordergate.rate-limit.anonymous");
    }

    /** The contract promises RateLimit-Reset and Retry-After within a day; a budget that refills slower is a typo. */
    static Budget checked(Budget budget, String prefix) {
        if (budget.burst() < 1 || !(budget.perSecond() > 0) || budget.burst() / budget.perSecond() > MAX_REFILL_SECONDS) {
            throw new IllegalArgumentException(prefix + ": burst " + budget.burst() + " at " + budget.perSecond()
                    + " per second must be at least 1, refilled at more than 0 per second within "
                    + MAX_REFILL_SECONDS + " s");
        }
        return budget;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        String client = clientOf(rc);
        Budget budget = client.startsWith("sub:") ? authenticated : anonymous;
        Decision decision = take(client, budget, System.nanoTime());
        var headers = rc.response().headers();
        headers.set("RateLimit-Limit", Integer.toString(budget.burst()));
        headers.set("RateLimit-Remaining", Integer.toString(decision.remaining()));
        headers.set("RateLimit-Reset", Integer.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            ProblemException refusal = new ProblemException(429, "rate-limited", "Too many requests",
                    "this client has used its request budget (" + budget.burst() + " at once, "
                            + (int) budget.perSecond() + " per second); retry after " + decision.retryAfterSeconds() + " s")
                    .retryAfter(decision.retryAfterSeconds());
            rc.response().setStatusCode(429)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                    .putHeader("Retry-After", Integer.toString(decision.retryAfterSeconds()))
                    .end(Json.encode(ProblemResponses.render(refusal, URI.create("/"))));
            return;
        }
        rc.next();
    }

    /** Takes one request from the client's bucket. */
    Decision take(String client, Budget budget, long nowNanos) {
        String key = buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client) ? OVERFLOW : client;
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(budget.burst(), nowNanos));
        int burst = budget.burst();
        double perSecond = budget.perSecond();
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.atNanos) / 1e9 * perSecond);
            bucket.atNanos = nowNanos;
            boolean allowed = bucket.tokens >= 1;
            if (allowed) {
                bucket.tokens -= 1;
            }
            int reset = (int) Math.ceil((burst - bucket.tokens) / perSecond);
            int retryAfter = allowed ? 0 : (int) Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
            return new Decision(allowed, (int) Math.floor(bucket.tokens), reset, retryAfter);
        }
    }

    /** Drops buckets that have refilled completely: their clients are as if new. */
    void forgetIdle(long nowNanos) {
        buckets.entrySet().removeIf(e -> {
            Budget budget = e.getKey().startsWith("sub:") ? authenticated : anonymous;
            synchronized (e.getValue()) {
                return e.getValue().tokens + (nowNanos - e.getValue().atNanos) / 1e9 * budget.perSecond() >= budget.burst();
            }
        });
    }

    @io.quarkus.scheduler.Scheduled(every = "60s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleClients() {
        forgetIdle(System.nanoTime());
    }

    int clients() {
        return buckets.size();
    }

    /** The client: the subject of its bearer token (read, not verified: see UnverifiedClaims), else its address. */
    static String clientOf(RoutingContext rc) {
        String subject = UnverifiedClaims.text(UnverifiedClaims.of(rc), "sub", 200);
        if (subject != null) {
            return "sub:" + subject;
        }
        return "ip:" + (rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress());
    }
}
