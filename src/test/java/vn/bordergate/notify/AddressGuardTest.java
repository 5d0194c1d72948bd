package vn.bordergate.notify;

import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bordergate.http.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressGuardTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.closeAndAwait();
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.0.1", "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1", "198.18.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            // IPv4 embedded in IPv6 for a gateway to route: NAT64, local-use NAT64, 6to4, Teredo; documentation
            "64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b:1::a9fe:a9fe", "2002:a00:1::1", "2002:7f00:1::",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1"})
    void internalAddressesAreNotPublic(String literal) throws UnknownHostException {
        assertFalse(AddressGuard.isPublic(InetAddress.getByName(literal)));
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1", "100.63.255.255",
            "100.128.0.1", "203.113.131.1", "2001:4860:4860::8888", "2404:6800:4005::200e", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String literal) throws UnknownHostException {
        assertTrue(AddressGuard.isPublic(InetAddress.getByName(literal)));
    }

    @Test
    void aNameThatResolvesInsideIsRefused() {
        AddressGuard guard = new AddressGuard(VERTX, Set.of());
        ProblemException refused = assertThrows(ProblemException.class,
                () -> guard.check(URI.create("http://localhost:8080/hook")).await().atMost(Duration.ofSeconds(10)));
        assertEquals(400, refused.status());
        assertTrue(refused.detail().contains("non-public address"), refused.detail());
    }

    @Test
    void allowListedHostsAreNotResolvedAtAll() {
        AddressGuard guard = new AddressGuard(VERTX, Set.of("LocalHost", "receiver.invalid"));
        assertNull(guard.check(URI.create("http://localhost:8080/hook")).await().atMost(Duration.ofSeconds(10)));
        assertNull(guard.check(URI.create("https://receiver.invalid/hook")).await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void aPublicLiteralIsWhereTheDeliveryConnects() throws UnknownHostException {
        AddressGuard guard = new AddressGuard(VERTX, Set.of());
        assertEquals(InetAddress.getByName("203.113.131.1"),
                guard.check(URI.create("https://203.113.131.1:8443/hook")).await().atMost(Duration.ofSeconds(10)));
        assertThrows(ProblemException.class, () -> guard.check(URI.create("http://[fd00::1]/hook"))
                .await().atMost(Duration.ofSeconds(10)));
    }
}
