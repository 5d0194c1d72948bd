package vn.bordergate.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * An issuer of bearer tokens trusted beside the configured key: the province's identity provider
 * ({@link ProviderKeys}) and the service itself for drivers' sign-in links. {@link VerifiedTokenCache} reads a
 * token's {@code iss} unverified only to ask each of these whether it is theirs; the signature, issuer, audience
 * and lifetime checks that follow decide.
 */
public interface TrustedIssuer {

    /** How to verify a token naming this issuer, or null if the issuer is not this one's (or its keys are not known yet). */
    JWTAuthContextInfo verificationFor(String issuer);

    /** A token naming this issuer failed verification: its keys may have been rotated. */
    default void verificationFailed() {
    }
}
