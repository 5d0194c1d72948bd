package vn.bordergate.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens already verified, so a firm's system that books with one token does not pay for an RS256
 * check and a claims parse on every request. Only a token that passed the full check (signature, issuer,
 * audience, expiry) is remembered, under the SHA-256 of its text (the token itself is not kept), and only
 * until it expires or {@link #MAX_AGE_MILLIS} has passed, whichever is sooner. Anything not remembered goes
 * to the standard verifier.
 */
@ApplicationScoped
class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

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
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(MpJwtValidator verifier) {
        this.verifier = verifier;
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
        String key = digest(request.getToken().getToken());
        long now = System.currentTimeMillis();
        Verified known = verified.get(key);
        if (known != null && known.validUntilMillis() > now) {
            return Uni.createFrom().item(identity(known.token(), request));
        }
        return verifier.authenticate(request, context).invoke(identity -> remember(key, identity, now));
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

    private void remember(String key, SecurityIdentity identity, long now) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
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

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
