package vn.bordergate.notify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureTest {

    private static final byte[] BODY = "{\"eventId\":42,\"type\":\"DECLARED\",\"reference\":\"CN-20261201-000001\",\"driver\":\"Nguyễn Văn Ánh\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheDocumentedRecipe() {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test-secret',
        //   b'1767225600.' + body, hashlib.sha256).hexdigest())"
        assertEquals("v1=61179b769b7008db82dd8eefbd70ed8cef5545079871fd88b576c7bffb0f2c8d",
                Signature.sign("whsec_test-secret", 1767225600L, BODY));
    }

    @Test
    void coversTheTimestampTheBodyAndTheSecret() {
        String signature = Signature.sign("whsec_test-secret", 1767225600L, BODY);
        assertNotEquals(signature, Signature.sign("whsec_test-secret", 1767225601L, BODY));
        assertNotEquals(signature, Signature.sign("whsec_other", 1767225600L, BODY));
        byte[] tampered = BODY.clone();
        tampered[10] = '3';
        assertNotEquals(signature, Signature.sign("whsec_test-secret", 1767225600L, tampered));
    }

    @Test
    void secretsAreLongRandomAndRecognisable() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = Signature.newSecret();
            assertTrue(secret.matches("whsec_[A-Za-z0-9_-]{43}"), secret);
            secrets.add(secret);
        }
        assertEquals(100, secrets.size());
    }
}
