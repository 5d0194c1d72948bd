package vn.bordergate.driversignin;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.bordergate.security.Roles;
import vn.bordergate.security.TrustedIssuer;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The driver tokens this service issues itself, for a driver who signed in with a one-time code: drivers have no
 * accounts at the identity provider. A token says only what a driver token from anywhere says (role
 * {@code driver}, the {@code phone} of the declaration's driver), is signed with HS256 under a key of its own
 * derived from the QR secret (one secret to configure, two keys that never sign each other's tokens), and is
 * verified like every other bearer token ({@link TrustedIssuer}).
 */
@ApplicationScoped
public class DriverTokens implements TrustedIssuer {

    static final String ISSUER = "urn:bordergate:driver-sign-in";
    /** A driver's day on the road to the gate; never more than the longest lifetime the service accepts. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private final SecretKey key;
    private final JWTAuthContextInfo verification;
    private final String audience;

    DriverTokens(@ConfigProperty(name = "bordergate.yard.qr-secret") String qrSecret,
                 @ConfigProperty(name = "bordergate.identity-provider.audience") String audience,
                 @ConfigProperty(name = "mp.jwt.verify.clock.skew") int clockSkewSeconds,
                 @ConfigProperty(name = "smallrye.jwt.time-to-live") long maxLifetimeSeconds) {
        this.key = derivedKey(qrSecret);
        this.audience = audience;
        this.verification = new JWTAuthContextInfo();
        verification.setIssuedBy(ISSUER);
        verification.setSecretVerificationKey(key);
        verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        verification.setExpectedAudience(Set.of(audience));
        verification.setClockSkew(clockSkewSeconds);
        verification.setMaxTimeToLiveSecs(maxLifetimeSeconds);
    }

    /** A driver token for the driver of one declaration, valid for {@link #LIFETIME} from {@code now}. */
    String issue(String phone, String declarationReference, Instant now) {
        return Jwt.issuer(ISSUER)
                .subject("driver:" + declarationReference)
                .audience(audience)
                .groups(Set.of(Roles.DRIVER))
                .claim("phone", phone)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .sign(key);
    }

    @Override
    public JWTAuthContextInfo verificationFor(String issuer) {
        return ISSUER.equals(issuer) ? verification : null;
    }

    private static SecretKey derivedKey(String qrSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(qrSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] derived = mac.doFinal("driver sign-in tokens, v1".getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
