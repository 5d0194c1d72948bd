package vn.bordergate.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The shapes this API accepts for the claims it reads, checked once when a token is verified. A signed
 * token is still input: an identity provider's mapper can put a number where a string belongs, or a null
 * in a list. Such a token is refused with 401 and the reason, never turned into a 500 later.
 */
final class ClaimShapes {

    /** Claims holding one short text. */
    private static final List<String> TEXTS = List.of("sub", "tax_code", "phone");
    /** Claims holding codes: a list of texts, or one text of comma-separated codes. */
    private static final List<String> CODES = List.of("gates", "provinces", "groups");
    static final int MAX_TEXT = 255;
    static final int MAX_CODES = 256;

    private ClaimShapes() {
    }

    /** Why the claims cannot be used, or null when every claim this API reads has a usable shape. */
    static String problem(JsonObject claims) {
        if (!(claims.getValue("sub") instanceof String)) {
            return "the token has no sub claim of text";
        }
        for (String name : TEXTS) {
            Object value = claims.getValue(name);
            if (value != null && !(value instanceof String text && !text.isBlank() && text.length() <= MAX_TEXT)) {
                return "the token's " + name + " claim must be a non-empty text of at most " + MAX_TEXT + " characters";
            }
        }
        for (String name : CODES) {
            String problem = codesProblem(name, claims.getValue(name));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String codesProblem(String name, Object value) {
        if (value == null || value instanceof String text && text.length() <= MAX_TEXT * MAX_CODES) {
            return null;
        }
        if (value instanceof JsonArray list && list.size() <= MAX_CODES) {
            for (Object code : list) {
                if (!(code instanceof String text && !text.isBlank() && text.length() <= MAX_TEXT)) {
                    return "the token's " + name + " claim must list texts of at most " + MAX_TEXT
                            + " characters, without null";
                }
            }
            return null;
        }
        return "the token's " + name + " claim must be a list of at most " + MAX_CODES + " texts";
    }
}
