package vn.bordergate.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The claims of a request's bearer token, read without verifying it, once per request: only for sharing
 * budgets fairly (request budget, booking places). Verification comes later and refuses a forged token,
 * so a made-up claim gains nothing but a budget of its own.
 */
public final class UnverifiedClaims {

    private static final String KEY = UnverifiedClaims.class.getName();
    private static final JsonObject NONE = new JsonObject();

    private UnverifiedClaims() {
    }

    /** The claims, or an empty object when there is no readable bearer token. */
    public static JsonObject of(RoutingContext rc) {
        JsonObject claims = rc.get(KEY);
        if (claims == null) {
            claims = parse(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
            rc.put(KEY, claims);
        }
        return claims;
    }

    public static JsonObject parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return NONE;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3 || parts[1].length() > 8192) {
            return NONE;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException notAToken) {
            return NONE;
        }
    }

    /** A short string claim, or null. */
    public static String text(JsonObject claims, String name, int maxLength) {
        Object value = claims.getValue(name);
        return value instanceof String s && !s.isEmpty() && s.length() <= maxLength ? s : null;
    }
}
