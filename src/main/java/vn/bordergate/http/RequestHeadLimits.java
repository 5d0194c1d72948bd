package vn.bordergate.http;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Refuses a request line over {@code bordergate.http.max-request-line} (414) and headers over
 * {@code bordergate.http.max-headers} (431) with a problem+json, like every other refusal. Vert.x' HTTP codec
 * answers both with the status alone, before any route runs and with nothing a firm's client or an operator
 * can read; so its own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size})
 * are set higher, and these requests reach this filter first. Past the codec's limits it still answers alone.
 */
@ApplicationScoped
class RequestHeadLimits {

    // Before the body-size check: a request too large in its head is refused for that, whatever its body.
    static final int PRIORITY = BodySizeLimit.PRIORITY + 10;
    // "GET " + target + " HTTP/1.1": the method and version around the target, as the codec counts the line.
    private static final int LINE_OVERHEAD = " HTTP/1.1".length() + 1;
    // ": " and CRLF around each header, as it came on the wire.
    private static final int HEADER_OVERHEAD = 4;

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "bordergate.http.max-request-line", defaultValue = "4K") MemorySize line,
                  @ConfigProperty(name = "bordergate.http.max-headers", defaultValue = "20K") MemorySize headers) {
        long lineLimit = line.asLongValue();
        long headerLimit = headers.asLongValue();
        filters.register(rc -> check(rc, lineLimit, headerLimit), PRIORITY);
    }

    private static void check(RoutingContext rc, long lineLimit, long headerLimit) {
        HttpServerRequest request = rc.request();
        long lineLength = request.method().name().length() + request.uri().length() + LINE_OVERHEAD;
        if (lineLength > lineLimit) {
            Log.debugf("refused a request line of %d bytes on %s %s", lineLength, request.method(), request.path());
            EarlyRefusal.send(rc, Problems.requestLineTooLong(lineLimit));
            return;
        }
        long headerLength = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerLength += header.getKey().length() + header.getValue().length() + HEADER_OVERHEAD;
        }
        if (headerLength > headerLimit) {
            Log.debugf("refused %d bytes of headers on %s %s", headerLength, request.method(), request.path());
            EarlyRefusal.send(rc, Problems.headersTooLarge(headerLimit));
            return;
        }
        rc.next();
    }
}
