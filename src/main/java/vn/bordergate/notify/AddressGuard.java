package vn.bordergate.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF guard: a webhook may not make this service call into its own network. A host must resolve to
 * public addresses only (all of them, so DNS round-robin cannot slip a private one in), unless it is in
 * {@code bordergate.webhooks.allowed-hosts}. Checked at registration and again before every delivery.
 */
@ApplicationScoped
class AddressGuard {

    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Set<String> allowedHosts;

    @Inject
    public AddressGuard(Vertx vertx, WebhookConfig config) {
        this(vertx, config.allowedHosts().orElse(Set.of()));
    }

    AddressGuard(Vertx vertx, Set<String> allowedHosts) {
        this.vertx = vertx;
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Where to connect for {@code url}: a checked public address of its host, or null for an allow-listed
     * host (connect by name). Fails with a 400 problem on field {@code url} when the host is refused.
     */
    public Uni<InetAddress> check(URI url) {
        String host = host(url);
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Uni.createFrom().nullItem();
        }
        // InetAddress resolution blocks: run it on a worker, never on the event loop.
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
                .ifNoItem().after(RESOLVE_TIMEOUT).failWith(() -> refused(host, "could not be resolved in time"))
                .onFailure(UnknownHostException.class).transform(e -> refused(host, "does not resolve"))
                .map(addresses -> {
                    for (InetAddress address : addresses) {
                        if (!isPublic(address)) {
                            throw refused(host, "resolves to a non-public address (" + address.getHostAddress() + ")");
                        }
                    }
                    return addresses[0];
                });
    }

    /** False for loopback, link-local, private, unique-local, unspecified, multicast and reserved ranges. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean thisNetwork = first == 0;
            boolean carrierNat = first == 100 && second >= 64 && second <= 127;
            boolean benchmarking = first == 198 && (second == 18 || second == 19);
            boolean reserved = first >= 240;
            return !(thisNetwork || carrierNat || benchmarking || reserved);
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        // Forms that carry an IPv4 address a gateway may route to, whatever it is: NAT64 (64:ff9b::/96 and
        // the local-use 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32). Refused outright.
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        boolean teredo = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0;
        boolean documentation = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
        if (nat64 || sixToFour || teredo || documentation) {
            return false;
        }
        boolean mappedOrCompatible = isZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || isZero(b, 10, 12));
        if (mappedOrCompatible) {
            // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the embedded IPv4 address.
            try {
                return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return !uniqueLocal;
    }

    static String host(URI url) {
        String host = url.getHost();
        // URI keeps the brackets of an IPv6 literal; InetAddress wants it bare.
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException refused(String host, String why) {
        return Problems.invalidField("url", "host " + host + " " + why + "; webhooks must reach a public address");
    }
}
