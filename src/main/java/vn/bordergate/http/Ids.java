package vn.bordergate.http;

import java.util.UUID;

/** Identifiers in paths: a malformed id names nothing, so it answers 404 like any id that is not yours. */
public final class Ids {

    private Ids() {
    }

    public static UUID declaration(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("declaration " + id);
        }
    }
}
