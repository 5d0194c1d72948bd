package vn.bordergate.payment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The bank's signature of a notification: {@code sha256=} and the hex HMAC-SHA256 of the raw body. */
final class NotificationSignature {

    private static final String PREFIX = "sha256=";

    private NotificationSignature() {
    }

    static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compared in constant time, so the time taken tells a forger nothing about how much of a guess was right. */
    static boolean matches(String secret, byte[] body, String signature) {
        if (signature == null || body == null) {
            return false;
        }
        byte[] expected = of(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
