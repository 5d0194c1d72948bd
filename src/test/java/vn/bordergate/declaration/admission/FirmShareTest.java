package vn.bordergate.declaration.admission;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whose share of the bookings inside an instance a booking takes: its firm's only when its token is genuine.
 * A token made up to name another firm's tax code waits as its sender's address, so it cannot use up the
 * victim firm's share while the victim's own bookings are refused.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class FirmShareTest {

    @Inject
    BookingConcurrencyLimit limit;

    static final SocketAddress CALLER = SocketAddress.inetSocketAddress(40000, "203.0.113.7");

    @Test
    void aGenuineTokenTakesItsFirmsShareAndAForgedOneItsSendersAddress() {
        assertEquals("firm:" + Tokens.FIRM_A, limit.firmOf("Bearer " + Tokens.enterprise(Tokens.FIRM_A), CALLER));

        String genuine = Tokens.enterprise(Tokens.FIRM_B);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"firm-" + Tokens.FIRM_A + "\",\"tax_code\":\"" + Tokens.FIRM_A + "\",\"groups\":[\"enterprise\"]}")
                        .getBytes(StandardCharsets.UTF_8));
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + payload + "." + parts[2];
        assertEquals("ip:203.0.113.7", limit.firmOf("Bearer " + forged, CALLER), "a signature of another token");
        assertEquals("ip:203.0.113.7", limit.firmOf("Bearer e30." + payload + ".e30", CALLER), "no signature");
        assertEquals("ip:203.0.113.7", limit.firmOf(null, CALLER), "no token");

        SocketAddress v6 = SocketAddress.inetSocketAddress(40000, "2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("ip:2001:db8:1:2:0:0:0:0/64", limit.firmOf(null, v6), "a host's IPv6 /64 is one caller");
    }
}
