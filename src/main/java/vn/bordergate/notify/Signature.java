package vn.bordergate.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How deliveries are signed, and how a receiver checks them.
 *
 * <p>Every delivery is a {@code POST} with {@code Content-Type: application/json} and these headers:
 * <ul>
 *   <li>{@code X-BorderGate-Timestamp}: the time of this attempt, in Unix seconds;</li>
 *   <li>{@code X-BorderGate-Signature}: {@code v1=} followed by the lower-case hex of
 *       HMAC-SHA256(key = the webhook's secret as UTF-8 bytes, message = timestamp + "." + raw request body);</li>
 *   <li>{@code X-BorderGate-Event-Id}: the audit event's id, the same on every retry (deduplicate on it);</li>
 *   <li>{@code X-BorderGate-Delivery-Id}: this delivery's id in the delivery log.</li>
 * </ul>
 * A receiver recomputes the HMAC over the raw bytes it received (before parsing the JSON), compares it with
 * the header in constant time, and refuses timestamps more than a few minutes away from its own clock
 * (replays). The secret is the whole {@code whsec_...} string returned once when the webhook was created.
 */
final class Signature {

    public static final String TIMESTAMP = "X-BorderGate-Timestamp";
    public static final String SIGNATURE = "X-BorderGate-Signature";
    public static final String EVENT_ID = "X-BorderGate-Event-Id";
    public static final String DELIVERY_ID = "X-BorderGate-Delivery-Id";
    static final String VERSION = "v1=";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {
    }

    /** The value of {@code X-BorderGate-Signature} for this timestamp and body. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new secret: 32 random bytes, URL-safe Base64, with a prefix that makes leaked secrets easy to spot. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
