package vn.bordergate.http;

import vn.bordergate.persistence.DatabaseOutage;

import java.util.List;

/** The refusals this API gives, named once so their type slugs and titles stay consistent. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(400, "validation", "The request is not valid",
                errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                        : errors.size() + " fields are not valid")
                .with(ProblemMember.ERRORS, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist or is not yours");
    }

    /** The thing existed but is no more: {@code detail} says why (e.g. the end of its legal retention). */
    public static ProblemException gone(String detail) {
        return new ProblemException(410, "gone", "Gone", detail);
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(409, type, title, detail);
    }

    public static ProblemException bodyTooLarge(long limitBytes) {
        String allowed = limitBytes % 1024 == 0 ? limitBytes / 1024 + " KiB (" + limitBytes + " bytes)" : limitBytes + " bytes";
        return new ProblemException(413, "body-too-large", "Request body too large",
                "the request body may be at most " + allowed + "; send large batches in parts")
                .with(ProblemMember.MAX_BODY_SIZE, limitBytes);
    }

    public static ProblemException requestLineTooLong(long limitBytes) {
        return new ProblemException(414, "request-line-too-long", "Request line too long",
                "the method, path and query may be at most " + limitBytes + " bytes together; send long filters in a body");
    }

    public static ProblemException headersTooLarge(long limitBytes) {
        return new ProblemException(431, "headers-too-large", "Request headers too large",
                "the request's headers may be at most " + limitBytes + " bytes together");
    }

    /** The refusal a client sees while PostgreSQL is away (see persistence.DatabaseOutage). */
    public static ProblemException databaseUnavailable() {
        return unavailable("the database is restarting or unreachable; retry shortly (a booking retried "
                + "with the same Idempotency-Key and body is never booked twice)", DatabaseOutage.RETRY_AFTER_SECONDS);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "unavailable", "Service temporarily unavailable", detail)
                .retryAfter(retryAfterSeconds);
    }
}
