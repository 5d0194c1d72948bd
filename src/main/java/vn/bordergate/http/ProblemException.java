package vn.bordergate.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the client can act on, answered as {@code application/problem+json} (RFC 9457).
 * {@code type} is a short slug (e.g. {@code slot-full}); the mapper turns it into a URI on this host.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Integer retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** Adds an extension member; only those the published Problem schema declares can be named. */
    public ProblemException with(ProblemMember member, Object value) {
        extensions.put(member.json(), value);
        return this;
    }

    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
