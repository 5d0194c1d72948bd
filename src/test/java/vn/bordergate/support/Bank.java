package vn.bordergate.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The collecting account's bank, as a test plays it: signs credit notifications as the bank would. */
public final class Bank {

    /** Cao Bằng's notification secret in the test configuration. */
    public static final String CAO_BANG_SECRET = "demo-only-bank-secret-change-me";

    private Bank() {
    }

    public static String newTransactionId() {
        return "FT" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    /** A credit notification's body, sent now by the service's clock. */
    public static String credit(String province, String transactionId, long amountVnd, String description) {
        return credit(province, transactionId, amountVnd, description, OffsetDateTime.now(serviceClock()));
    }

    public static String credit(String province, String transactionId, long amountVnd, String description,
                                OffsetDateTime sentAt) {
        return "{\"province\":\"" + province + "\",\"transactionId\":\"" + transactionId + "\",\"amountVnd\":" + amountVnd
                + ",\"description\":\"" + description + "\",\"creditedAt\":\"" + sentAt.minusSeconds(3)
                + "\",\"sentAt\":\"" + sentAt + "\"}";
    }

    /** Posts {@code body} signed with {@code secret}. */
    public static Response post(String body, String secret) {
        return given().contentType(ContentType.JSON).header("X-Signature", sign(secret, body)).body(body)
                .when().post("/api/v1/payments/bank-notifications");
    }

    public static Response notify(String body) {
        return post(body, CAO_BANG_SECRET);
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Clock serviceClock() {
        return new TestClock().withZone(ZoneOffset.UTC);
    }
}
