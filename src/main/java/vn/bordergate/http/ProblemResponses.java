package vn.bordergate.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import vn.bordergate.persistence.DatabaseOutage;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns every failure into {@code application/problem+json}: never a stack trace, never a bare 500 for bad input. */
public class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    /** The problem+json body of a refusal; also used for the per-item results of a batch. */
    public static Map<String, Object> render(ProblemException e, UriInfo uri) {
        Map<String, Object> body = body(uri, e.status(), e.type(), e.title(), e.detail());
        body.putAll(e.extensions());
        return body;
    }

    /** The same body for a refusal given before the REST layer runs (HTTP filters), from the request's URI. */
    public static Map<String, Object> render(ProblemException e, URI requestUri) {
        Map<String, Object> body = body(requestUri.resolve("/problems/" + e.type()).toString(),
                e.status(), e.title(), e.detail());
        body.putAll(e.extensions());
        return body;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status()).type(PROBLEM_JSON).entity(render(e, uri));
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return problem(Problems.invalidField(path(e), "is not a known field"), uri);
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of " + List.of(e.getTargetType().getEnumConstants())
                : e.getTargetType() == String.class ? e.getOriginalMessage()
                : "is not a valid " + simpleName(e.getTargetType());
        return problem(Problems.invalidField(path(e), expected), uri);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        if (field.isEmpty()) {
            return problem(Problems.invalidField("(body)", "must be a JSON object"), uri);
        }
        return problem(Problems.invalidField(field, "has the wrong type, expected " + simpleName(e.getTargetType())), uri);
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        return problem(Problems.invalidField(field.isEmpty() ? "(body)" : field, "is not valid"), uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    private Response malformedJson(JsonProcessingException e, UriInfo uri) {
        JsonLocation at = e.getLocation();
        return problem(new ProblemException(400, "malformed-json", "The body is not valid JSON", at == null
                ? "JSON syntax error: " + e.getOriginalMessage()
                : "JSON syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr()), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        // A token refused for a reason of ours (its claims' shapes) says which; the verifier's own reasons stay unsaid.
        String detail = e.getCause() instanceof ProblemException reason ? reason.getMessage()
                : "a valid bearer token is required (missing, expired, or not issued by this platform)";
        return Response.status(401).type(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .entity(body(uri, 401, "unauthenticated", "Authentication required", detail))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(new ProblemException(403, "forbidden", "Not allowed for your role",
                "your role may not perform this operation"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps syntax errors, size limits and some binding errors in a bare 400; say what was wrong.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return otherMapping(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException syntax) {
            return malformedJson(syntax, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request refused";
        return problem(new ProblemException(status, "http-" + status, title,
                e.getMessage() == null ? title : e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.any(e)) {
            // A restart or failover of PostgreSQL, not a fault of this request: the client retries shortly.
            Log.warnf("PostgreSQL unavailable: %s", e.toString());
            return problem(Problems.databaseUnavailable(), uri);
        }
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "unexpected failure, incident %s", incident);
        return problem(new ProblemException(500, "internal-error", "Internal error",
                "the request could not be completed; quote incident " + incident).with(ProblemMember.INCIDENT, incident), uri);
    }

    static Map<String, Object> body(UriInfo uri, int status, String type, String title, String detail) {
        return body(uri.getBaseUriBuilder().replacePath("/problems/" + type).build().toString(), status, title, detail);
    }

    private static Map<String, Object> body(String typeUri, int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeUri);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        traceId().ifPresent(id -> body.put(ProblemMember.TRACE_ID.json(), id));
        return body;
    }

    /**
     * The trace of the request being answered, sampled or not: the id an operator searches the traces and the
     * logs for. None outside a request (a refusal rendered for a batch item already has its request's).
     */
    private static java.util.Optional<String> traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? java.util.Optional.of(span.getTraceId()) : java.util.Optional.empty();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName();
    }
}
