package vn.bordergate.declaration;

import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;

/** Optimistic concurrency on declarations: the version is the ETag, and changes send it back in If-Match. */
public final class Versions {

    private Versions() {
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Reads {@code "3"}, {@code W/"3"} or {@code 3}; null when the header is absent. */
    public static Integer parseIfMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw Problems.invalidField("If-Match", "must be the declaration's version as given in its ETag, e.g. \"3\"");
        }
    }

    public static ProblemException stale(int currentVersion) {
        return new ProblemException(412, "stale-version", "The declaration has changed",
                "the declaration is at version " + currentVersion + "; read it again and reapply your change")
                .with(ProblemMember.CURRENT_VERSION, currentVersion);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(428, "precondition-required", "If-Match required",
                "send the declaration's current version in If-Match (its ETag) so concurrent changes are not lost");
    }
}
