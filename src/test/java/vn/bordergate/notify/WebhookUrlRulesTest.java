package vn.bordergate.notify;

import org.junit.jupiter.api.Test;
import vn.bordergate.http.ProblemException;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** In production a webhook receiver is https on the standard port, or on a port the operator allowed. */
class WebhookUrlRulesTest {

    static WebhookRegistry production(Set<Integer> allowedPorts) {
        WebhookConfig config = (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[]{WebhookConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "requireHttps" -> true;
                    case "anyPort" -> false;
                    case "allowedPorts" -> Optional.of(allowedPorts);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new WebhookRegistry(null, null, null, config);
    }

    @Test
    void plainHttpIsRefused() {
        assertThrows(ProblemException.class, () -> production(Set.of()).checkSchemeAndPort(URI.create("http://erp.example.vn/hooks")));
    }

    @Test
    void onlyTheStandardPortOrAnAllowedOne() {
        assertDoesNotThrow(() -> production(Set.of()).checkSchemeAndPort(URI.create("https://erp.example.vn/hooks")));
        assertDoesNotThrow(() -> production(Set.of()).checkSchemeAndPort(URI.create("https://erp.example.vn:443/hooks")));
        assertThrows(ProblemException.class, () -> production(Set.of()).checkSchemeAndPort(URI.create("https://erp.example.vn:6379/")));
        assertThrows(ProblemException.class, () -> production(Set.of()).checkSchemeAndPort(URI.create("https://erp.example.vn:80/")));
        assertDoesNotThrow(() -> production(Set.of(8443)).checkSchemeAndPort(URI.create("https://erp.example.vn:8443/hooks")));
    }
}
