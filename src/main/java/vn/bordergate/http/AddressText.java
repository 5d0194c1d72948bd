package vn.bordergate.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Refuses, with a 400 problem before anything reads it, a path or query that is not text as
 * {@link StorableText} means it: an encoded NUL ({@code %00}), or bytes that are not UTF-8 (a lone
 * surrogate arrives as {@code %ED%A0%80}, which the JAX-RS layer would quietly turn into U+FFFD). No
 * identifier, code or date needs either. Bodies are checked by {@link StrictJson}.
 */
@ApplicationScoped
class AddressText {

    static final int PRIORITY = 110;

    void register(@Observes Filters filters) {
        filters.register(AddressText::check, PRIORITY);
    }

    private static void check(RoutingContext rc) {
        String fault = fault(rc.request().uri());
        if (fault != null) {
            ProblemException refusal = Problems.invalidField("(uri)", fault);
            rc.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON)
                    .end(Json.encode(ProblemResponses.render(refusal, URI.create("/"))));
            return;
        }
        rc.next();
    }

    /** Why the raw path and query (as sent: one char per byte, %XX not decoded) are not text, or null. */
    static String fault(String uri) {
        if (uri == null || plainAscii(uri)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || !HexFormat.isHexDigit(uri.charAt(i + 1)) || !HexFormat.isHexDigit(uri.charAt(i + 2))) {
                    return "has a % not followed by two hexadecimal digits";
                }
                bytes.write(HexFormat.fromHexDigits(uri, i + 1, i + 3));
                i += 2;
            } else if (c <= 0xFF) {
                bytes.write(c);
            } else {
                return "must be percent-encoded UTF-8";
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            String fault = StorableText.fault(text);
            return fault == null ? null : fault.replace("(U+0000)", "(%00)");
        } catch (CharacterCodingException e) {
            return "must be percent-encoded UTF-8 (these bytes are no text, e.g. half of a surrogate pair)";
        }
    }

    /** The common case, checked without decoding: nothing encoded, nothing outside ASCII, no NUL. */
    private static boolean plainAscii(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' || c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
