package vn.bordergate.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import vn.bordergate.common.Language;
import vn.bordergate.common.Texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three pages people at the gate open in a browser: the officers' console, the yard's display screen
 * and the driver's page. Each is one small HTML document (read once at start-up) whose script and styles are
 * static files under {@code /web/}; everything they show comes from the public API with the user's own
 * token, so a page can do nothing its user could not do with curl. Their words come from the bundle the API
 * speaks from ({@link Texts}): written into each page's {@code data-t} elements in Vietnamese here, so the
 * page reads before its scripts run, and served whole at {@code /web/texts.json} for the scripts.
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

    /** An element whose text is a key of the bundle: {@code <h1 data-t="title"></h1>}, empty in the template. */
    private static final Pattern TEXT_SLOT = Pattern.compile("<(\\w+)([^>]*\\sdata-t=\"([^\"]+)\"[^>]*)>([^<]*)</\\1>");
    private static final Pattern OWN_LANGUAGE = Pattern.compile("\\slang=\"(vi|en)\"");

    private final Buffer console = page("console");
    private final Buffer display = page("display");
    private final Buffer driver = page("driver");
    private final Buffer texts = Buffer.buffer(texts().encode());
    private final String textsTag = '"' + HexFormat.of().formatHex(sha256(texts.getBytes()), 0, 12) + '"';

    void routes(@Observes Router router) {
        router.get("/console").handler(rc -> send(rc, console));
        router.get("/driver").handler(rc -> send(rc, driver));
        router.get("/display/:gate").handler(rc -> send(rc, display));
        router.get("/web/texts.json").handler(this::sendTexts);
    }

    /** The pages' texts in both languages: {"vi": {"status.BOOKED": "Đã đặt lịch", …}, "en": {…}}. */
    static JsonObject texts() {
        JsonObject all = new JsonObject();
        for (Language language : Language.values()) {
            all.put(language.name().toLowerCase(), new JsonObject(new TreeMap<String, Object>(Texts.pageTexts(language))));
        }
        return all;
    }

    /**
     * The text a page shows for a key, as common.js looks it up: a key with a dot names its section
     * ({@code status.BOOKED}), any other is the page's own or else a common one; null if there is none.
     */
    static String text(String page, String key, Language language) {
        Map<String, String> texts = Texts.pageTexts(language);
        if (key.contains(".")) {
            return texts.get(key);
        }
        String own = texts.get(page + "." + key);
        return own != null ? own : texts.get("common." + key);
    }

    /**
     * Writes each data-t element's text, in Vietnamese unless the element has a lang of its own (the yard's
     * screen shows both languages side by side). Fails on a key the bundle lacks: the page would show it raw.
     */
    static String fill(String page, String html) {
        Matcher slot = TEXT_SLOT.matcher(html);
        StringBuilder filled = new StringBuilder();
        while (slot.find()) {
            Matcher own = OWN_LANGUAGE.matcher(slot.group(2));
            Language language = own.find() && own.group(1).equals("en") ? Language.EN : Language.VI;
            String text = text(page, slot.group(3), language);
            if (text == null) {
                throw new IllegalStateException("no text for " + slot.group(3) + " on the " + page + " page");
            }
            String element = "<" + slot.group(1) + slot.group(2) + ">" + escaped(text) + "</" + slot.group(1) + ">";
            slot.appendReplacement(filled, Matcher.quoteReplacement(element));
        }
        return slot.appendTail(filled).toString();
    }

    private void sendTexts(RoutingContext rc) {
        rc.response().headers().remove(HttpHeaders.CONTENT_ENCODING);
        rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                // Anyone may keep a copy, but asks each time (a 304 without a body when unchanged): a page of
                // this release must never get the texts of the last one.
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, no-cache")
                .putHeader(HttpHeaders.ETAG, textsTag);
        String cached = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (cached != null && cached.contains(textsTag)) {
            rc.response().setStatusCode(304).end();
        } else {
            rc.response().end(texts);
        }
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
        try (InputStream in = WebPages.class.getResourceAsStream("/web-pages/" + name + ".html")) {
            if (in == null) {
                throw new IllegalStateException("page missing from the build: " + name);
            }
            return Buffer.buffer(fill(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
