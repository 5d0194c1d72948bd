package vn.bordergate.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.bordergate.http.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens already verified, so a firm's system that books with one token does not pay for an RS256
 * check and a claims parse on every request. Only a token that passed the full check (signature, issuer,
 * audience, expiry) is remembered, under the SHA-256 of its text (the token itself is not kept), and only
 * until it expires or {@link #MAX_AGE_MILLIS} has passed, whichever is sooner. Anything not remembered goes
 * to the standard verifier.
 * <p>
 * It is also the one place that tells who a request really comes from before the REST layer runs: the
 * request budget and the booking queue ask {@link #known} or {@link #verify}, never a claim read unverified,
 * so a forged token cannot spend another client's budget. A verified token whose claims this API cannot
 * read ({@link ClaimShapes}) is refused with 401 and the reason, and never remembered.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    /**
     * Tokens remembered at once; past it, expired ones are dropped, and if that is not enough, all. A parsed
     * token takes a few kB, so this stays within ~15 MB of the service's small heap.
     */
    static final int MAX_TOKENS = 4_096;
    /** A remembered verification is redone at least this often, e.g. to notice a rotated key. */
    static final long MAX_AGE_MILLIS = 5 * 60_000L;

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final MpJwtValidator verifier;
    private final JWTParser parser;
    private final List<TrustedIssuer> issuers;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(MpJwtValidator verifier, JWTParser parser, Instance<TrustedIssuer> issuers) {
        this.verifier = verifier;
        this.parser = parser;
        this.issuers = issuers.stream().toList();
    }

    /** The bearer token of an Authorization header if it was verified lately and has not expired, else null. */
    public JsonWebToken known(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            return null;
        }
        Verified known = verified.get(digest(token));
        return known != null && known.validUntilMillis() > System.currentTimeMillis() ? known.token() : null;
    }

    /**
     * The bearer token of an Authorization header, verified now if it is not {@link #known} (signature,
     * issuer, audience, lifetime, claim shapes) and then remembered; null if there is none or it fails.
     * The key is local, so a verification is a few tens of microseconds of CPU and no I/O.
     */
    public JsonWebToken verify(String authorization) {
        JsonWebToken known = known(authorization);
        if (known != null) {
            return known;
        }
        String token = bearer(authorization);
        if (token == null) {
            return null;
        }
        try {
            JsonWebToken jwt = parse(token);
            if (ClaimShapes.problem(payload(jwt)) != null) {
                return null;
            }
            remember(digest(token), jwt, System.currentTimeMillis());
            return jwt;
        } catch (ParseException | RuntimeException refused) {
            return null;
        }
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before the standard verifier, which it calls itself for a token it has not seen. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.getToken() instanceof IdTokenCredential || request.getToken() instanceof AccessTokenCredential) {
            // The console's sign-in (Quarkus OIDC) verifies the tokens of its own code flow, for its own client:
            // none means a bearer token sent to the API, so the next identity provider, OIDC's, takes them.
            return Uni.createFrom().nullItem();
        }
        String key = digest(request.getToken().getToken());
        long now = System.currentTimeMillis();
        Verified known = verified.get(key);
        if (known != null && known.validUntilMillis() > now) {
            return Uni.createFrom().item(identity(known.token(), request));
        }
        if (trustedIssuerOf(request.getToken().getToken()) != null) {
            return Uni.createFrom().item(() -> trustedIssuerIdentity(key, request, now));
        }
        return verifier.authenticate(request, context).map(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                String problem = ClaimShapes.problem(payload(jwt));
                if (problem != null) {
                    throw new AuthenticationFailedException(
                            new ProblemException(401, "unauthenticated", "Token claims not usable", problem));
                }
                remember(key, jwt, now);
            }
            return identity;
        });
    }

    /**
     * A token of another trusted issuer ({@link TrustedIssuer}: the identity provider, drivers' sign-in links),
     * verified here with that issuer's keys: the standard verifier knows only the configured key. Local work, no
     * I/O, like the standard check.
     */
    private SecurityIdentity trustedIssuerIdentity(String key, TokenAuthenticationRequest request, long now) {
        JsonWebToken jwt;
        try {
            jwt = parse(request.getToken().getToken());
        } catch (ParseException refused) {
            throw new AuthenticationFailedException(refused);
        }
        String problem = ClaimShapes.problem(payload(jwt));
        if (problem != null) {
            throw new AuthenticationFailedException(
                    new ProblemException(401, "unauthenticated", "Token claims not usable", problem));
        }
        remember(key, jwt, now);
        return identity(jwt, request);
    }

    /** Verifies a token with its trusted issuer's keys if it names one ({@link TrustedIssuer}), else with the configured key. */
    private JsonWebToken parse(String token) throws ParseException {
        TrustedIssuer issuer = trustedIssuerOf(token);
        if (issuer == null) {
            return parser.parse(token);
        }
        try {
            return parser.parse(token, issuer.verificationFor(issuerOf(token)));
        } catch (ParseException refused) {
            issuer.verificationFailed();
            throw refused;
        }
    }

    /** The trusted issuer the token names, or null: then only the configured key can vouch for it. */
    private TrustedIssuer trustedIssuerOf(String token) {
        if (issuers.isEmpty()) {
            return null;
        }
        String named = issuerOf(token);
        if (named == null) {
            return null;
        }
        for (TrustedIssuer issuer : issuers) {
            if (issuer.verificationFor(named) != null) {
                return issuer;
            }
        }
        return null;
    }

    /** The {@code iss} claim of a token, read without verifying it: only to choose who verifies it. */
    static String issuerOf(String token) {
        try {
            return payloadOf(token).getValue("iss") instanceof String issuer ? issuer : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * A fresh identity for this request, built as the standard verifier builds one: the identity carries the
     * request's routing context, so one is never handed to another request; only the verified token is shared.
     */
    private static SecurityIdentity identity(JsonWebToken token, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredential(request.getToken())
                .addRoles(token.getGroups())
                .addAttribute("quarkus.user", token);
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc != null) {
            identity.addAttribute(RoutingContext.class.getName(), rc);
        }
        return identity.build();
    }

    private void remember(String key, JsonWebToken jwt, long now) {
        if (jwt.getExpirationTime() <= 0) {
            return;
        }
        long validUntil = Math.min(jwt.getExpirationTime() * 1000L, now + MAX_AGE_MILLIS);
        if (verified.size() >= MAX_TOKENS) {
            verified.values().removeIf(v -> v.validUntilMillis() <= now);
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
        }
        verified.put(key, new Verified(jwt, validUntil));
    }

    /** How many verifications are remembered now (for tests). */
    int size() {
        return verified.size();
    }

    /** The verified token's own claims, as JSON (see Caller: custom claims are cheaper read this way). */
    public static JsonObject payload(JsonWebToken jwt) {
        return payloadOf(jwt.getRawToken());
    }

    /** A token's claims as JSON, read without verifying it: only for a token this service already holds. */
    static JsonObject payloadOf(String raw) {
        int first = raw == null ? -1 : raw.indexOf('.');
        int second = first < 0 ? -1 : raw.indexOf('.', first + 1);
        return second < 0 ? new JsonObject() : new JsonObject(new String(
                Base64.getUrlDecoder().decode(raw.substring(first + 1, second)), StandardCharsets.UTF_8));
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /**
     * The last token digested on this thread and its digest: one request asks three times (its request
     * budget, the booking line, the authentication), all on its event loop, one after the other.
     */
    private static final ThreadLocal<String[]> LAST_DIGEST = ThreadLocal.withInitial(() -> new String[2]);

    private static String digest(String token) {
        String[] last = LAST_DIGEST.get();
        if (token.equals(last[0])) {
            return last[1];
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            String digest = Base64.getEncoder().encodeToString(hash);
            last[0] = token;
            last[1] = digest;
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
