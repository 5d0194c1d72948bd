package vn.bordergate.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemResponses;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A request budget per client (OWASP API4): a token bucket of {@code burst} requests refilled at
 * {@code per-second}. A client is the subject of a token this instance has verified
 * ({@link VerifiedTokenCache#known}); everything else (no token, a token not yet verified, a forged one)
 * counts against the caller's address, with a larger budget shared by the public board and slot reads.
 * A made-up subject therefore spends only its sender's budget, and cannot add clients to the table.
 * Every answer says where the client stands ({@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset});
 * past the budget a request is refused at once with 429 + Retry-After. The booking queue
 * ({@code BookingConcurrencyLimit}) is separate.
 * <p>
 * Client keys ({@code sub:…}, {@code ip:…}) are plain strings so that a shared counter in Redis can later
 * hold the same buckets across instances.
 */
@ApplicationScoped
public class RateLimits {

    // Before everything else of ours: a client past its budget costs nothing more.
    static final int PRIORITY = 120;
    /**
     * Clients tracked at once. Past it the least useful bucket is dropped (that client starts afresh);
     * no client is ever put in a bucket shared with others.
     */
    static final int MAX_CLIENTS = 100_000;
    static final int MAX_REFILL_SECONDS = 86_400;
    /** One host holds a whole IPv6 /64: its addresses are one client, or a host could take 2^64 budgets. */
    private static final int IPV6_CLIENT_PREFIX_BYTES = 8;
    private static final String SUBJECT = "sub:";

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

    private final Cache<String, Bucket> buckets;
    private final Budget authenticated;
    private final Budget anonymous;
    private final VerifiedTokenCache tokens;

    @Inject
    public RateLimits(@ConfigProperty(name = "bordergate.rate-limit.burst", defaultValue = "600") int burst,
                      @ConfigProperty(name = "bordergate.rate-limit.per-second", defaultValue = "60") double perSecond,
                      @ConfigProperty(name = "bordergate.rate-limit.anonymous-burst", defaultValue = "3000") int anonymousBurst,
                      @ConfigProperty(name = "bordergate.rate-limit.anonymous-per-second", defaultValue = "300")
                      double anonymousPerSecond,
                      VerifiedTokenCache tokens, MeterRegistry metrics) {
        this(new Budget(burst, perSecond), new Budget(anonymousBurst, anonymousPerSecond), MAX_CLIENTS, Ticker.systemTicker(),
                tokens);
        Gauge.builder("bordergate.rate.limit.clients", this, RateLimits::clients)
                .description("Clients (verified subjects and addresses) holding a request budget on this instance")
                .register(metrics);
    }

    RateLimits(Budget authenticated, Budget anonymous, int maxClients, Ticker clock, VerifiedTokenCache tokens) {
        this.authenticated = checked(authenticated, "bordergate.rate-limit");
        this.anonymous = checked(anonymous, "bordergate.rate-limit.anonymous");
        this.tokens = tokens;
        // A bucket untouched for as long as the slower budget takes to refill is full: dropping it changes nothing.
        long refillSeconds = (long) Math.ceil(Math.max(authenticated.burst() / authenticated.perSecond(),
                anonymous.burst() / anonymous.perSecond()));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofSeconds(Math.max(1, refillSeconds)))
                .executor(Runnable::run)
                .ticker(clock)
                .build();
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
        Budget budget = client.startsWith(SUBJECT) ? authenticated : anonymous;
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
        Bucket bucket = buckets.get(client, k -> new Bucket(budget.burst(), nowNanos));
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

    /** Clients with a bucket now. */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** The client: the subject of a token verified before, else the caller's address. */
    String clientOf(RoutingContext rc) {
        JsonWebToken verified = tokens.known(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        return verified != null ? SUBJECT + verified.getSubject() : addressOf(rc.request().remoteAddress());
    }

    /** An address as a client: IPv4 whole, IPv6 by its /64 (one host's share). */
    public static String addressOf(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return "ip:?";
        }
        String host = remote.hostAddress();
        if (host.indexOf(':') < 0) {
            return "ip:" + host;
        }
        try {
            byte[] bytes = InetAddress.getByName(host).getAddress();
            if (bytes.length != 16) {
                return "ip:" + host;
            }
            Arrays.fill(bytes, IPV6_CLIENT_PREFIX_BYTES, 16, (byte) 0);
            return "ip:" + InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException notAnAddress) {
            return "ip:" + host;
        }
    }
}
