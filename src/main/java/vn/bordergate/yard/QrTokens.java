package vn.bordergate.yard;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token a driver's app shows as a QR code at the yard: the declaration id and an expiry, signed with
 * HMAC-SHA256 so a yard officer's scan proves it was issued here and not altered. Short, to keep the QR small.
 */
@ApplicationScoped
class QrTokens {

    /** A verified token's content. */
    public record Content(UUID declarationId, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final Clock clock;
    private final ObjectMapper json;

    public QrTokens(YardConfig config, Clock clock, ObjectMapper json) {
        this.secret = config.qrSecret().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.json = json;
    }

    public String issue(UUID declarationId, Instant expiresAt) {
        try {
            String payload = ENCODER.encodeToString(json.writeValueAsBytes(
                    Map.of("d", declarationId.toString(), "x", expiresAt.getEpochSecond())));
            return payload + "." + ENCODER.encodeToString(mac(payload));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's content, or a 400 problem saying it was altered or has expired. */
    public Content verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1) {
            throw invalid("the scanned code is not a border gate QR token");
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid("the QR token's signature is unreadable");
        }
        if (!MessageDigest.isEqual(signature, mac(payload))) {
            throw invalid("the QR token's signature does not match: it was altered or not issued here");
        }
        try {
            Map<?, ?> content = json.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
            Instant expiresAt = Instant.ofEpochSecond(((Number) content.get("x")).longValue());
            if (!expiresAt.isAfter(clock.instant())) {
                throw new ProblemException(400, "qr-expired", "QR code expired",
                        "the QR token expired at " + expiresAt + "; the driver's app fetches a new one");
            }
            return new Content(UUID.fromString((String) content.get("d")), expiresAt);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw invalid("the QR token's content is unreadable");
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(400, "qr-invalid", "QR code not valid", detail);
    }
}
