package vn.bordergate.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The province's identity provider (an OpenID Connect issuer such as Keycloak) as a source of bearer tokens:
 * an officer's after signing in to the console, a firm system's from the client-credentials grant. Its tokens
 * are verified like every other bearer token, locally and on the event loop, so its signing keys are fetched
 * ahead: at start-up, every {@link #REFRESH_EVERY} and, when a token names a key not seen yet (a rotation),
 * at most once every {@link #FORCED_REFRESH_GAP}; always by the non-blocking web client, never on a request's
 * path. Until the first fetch succeeds, its tokens are refused with 401 like any token nobody vouches for.
 * <p>
 * The same rules as for every token hold: its issuer exactly, this API's audience, RS256, expiry with the
 * configured clock skew, a lifetime no longer than the configured maximum.
 */
@ApplicationScoped
public class ProviderKeys implements TrustedIssuer {

    static final Duration REFRESH_EVERY = Duration.ofMinutes(5);
    static final Duration FORCED_REFRESH_GAP = Duration.ofSeconds(30);

    /** What the last successful fetch gave: the issuer named in the provider's metadata, and how to verify. */
    private record Trust(String issuer, JWTAuthContextInfo verification) {
    }

    private final Optional<String> url;
    private final String audience;
    private final int clockSkewSeconds;
    private final long maxLifetimeSeconds;
    private final WebClient client;
    private final AtomicLong lastForcedRefresh = new AtomicLong();
    private volatile Trust trust;

    ProviderKeys(@ConfigProperty(name = "bordergate.identity-provider.url") Optional<String> url,
                 @ConfigProperty(name = "bordergate.identity-provider.audience") String audience,
                 @ConfigProperty(name = "mp.jwt.verify.clock.skew") int clockSkewSeconds,
                 @ConfigProperty(name = "smallrye.jwt.time-to-live") long maxLifetimeSeconds,
                 Vertx vertx) {
        this.url = url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.audience = audience;
        this.clockSkewSeconds = clockSkewSeconds;
        this.maxLifetimeSeconds = maxLifetimeSeconds;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout(5_000).setUserAgent("BorderGate-Keys/1"));
    }

    void start(@Observes StartupEvent start) {
        // Not awaited: the service starts even while the provider is down, and its tokens wait for the keys.
        refresh().subscribe().with(ignored -> { }, failure -> { });
    }

    @Scheduled(every = "5m", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().onFailure().recoverWithNull();
    }

    /** Whether a provider is configured at all. */
    public boolean configured() {
        return url.isPresent();
    }

    @Override
    public JWTAuthContextInfo verificationFor(String issuer) {
        Trust known = trust;
        if (known == null) {
            if (url.isPresent()) {
                verificationFailed();
            }
            return null;
        }
        return known.issuer().equals(issuer) ? known.verification() : null;
    }

    /** A provider token failed its signature check (the provider may have rotated its key), or no keys yet. */
    @Override
    public void verificationFailed() {
        long now = System.currentTimeMillis();
        long last = lastForcedRefresh.get();
        if (now - last >= FORCED_REFRESH_GAP.toMillis() && lastForcedRefresh.compareAndSet(last, now)) {
            refresh().subscribe().with(ignored -> { }, failure -> { });
        }
    }

    /** Fetches the provider's metadata, then its key set, and trusts them from then on. */
    Uni<Void> refresh() {
        if (url.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return get(url.get() + "/.well-known/openid-configuration")
                .map(HttpResponse::bodyAsJsonObject)
                .flatMap(metadata -> get(metadata.getString("jwks_uri"))
                        .map(keys -> new Trust(metadata.getString("issuer"), verification(metadata.getString("issuer"),
                                keys.bodyAsString()))))
                .invoke(fresh -> trust = fresh)
                .onFailure().invoke(failure -> Log.warnf("identity provider keys not fetched from %s: %s", url.get(),
                        failure.getMessage()))
                .replaceWithVoid();
    }

    private Uni<HttpResponse<io.vertx.mutiny.core.buffer.Buffer>> get(String address) {
        if (address == null) {
            return Uni.createFrom().failure(new IllegalStateException("the provider's metadata names no jwks_uri"));
        }
        return client.getAbs(address).timeout(10_000).send().map(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(address + " answered " + response.statusCode());
            }
            return response;
        });
    }

    private JWTAuthContextInfo verification(String issuer, String keySet) {
        JWTAuthContextInfo verification = new JWTAuthContextInfo();
        verification.setIssuedBy(issuer);
        verification.setPublicKeyContent(keySet);
        verification.setExpectedAudience(Set.of(audience));
        verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        verification.setClockSkew(clockSkewSeconds);
        verification.setMaxTimeToLiveSecs(maxLifetimeSeconds);
        return verification;
    }
}
