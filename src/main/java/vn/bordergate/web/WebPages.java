package vn.bordergate.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The three pages people at the gate open in a browser: the officers' console, the yard's display screen
 * and the driver's page. Each is one small HTML document (read once at start-up) whose script and styles are
 * static files under {@code /web/}; everything they show comes from the public API with the user's own
 * token, so a page can do nothing its user could not do with curl.
 */
@ApplicationScoped
class WebPages {

    /**
     * Scripts and styles only from this origin, nothing inline, no framing (the console's buttons must not
     * be clickable through someone else's page), images from here or the QR code blobs the driver page makes.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; media-src 'self' blob: mediastream:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Buffer console = page("console.html");
    private final Buffer display = page("display.html");
    private final Buffer driver = page("driver.html");

    void routes(@Observes Router router) {
        router.get("/console").handler(rc -> send(rc, console));
        router.get("/driver").handler(rc -> send(rc, driver));
        router.get("/display/:gate").handler(rc -> send(rc, display));
    }

    private static void send(RoutingContext rc, Buffer page) {
        // Quarkus marks every answer "identity" unless its handler says otherwise; pages are worth gzipping.
        rc.response().headers().remove(HttpHeaders.CONTENT_ENCODING);
        rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                // The page is tiny and its scripts change with each release: always ask, never serve a stale one.
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(page);
    }

    private static Buffer page(String name) {
        try (InputStream in = WebPages.class.getResourceAsStream("/web-pages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page missing from the build: " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
