package vn.bordergate.contract;

import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.ProblemResponses;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents the errors every operation can answer, as the service really sends them: one {@code Problem}
 * schema (RFC 9457 with this API's extension members), content type {@code application/problem+json}.
 * Responses an operation already describes keep their description; they gain the schema.
 */
final class ProblemDocumentation {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    /** What any request may meet, whatever the operation. */
    private static final Map<String, String> ANY_OPERATION = new LinkedHashMap<>();

    static {
        ANY_OPERATION.put("400", "Invalid input: `errors` names each field (problem+json)");
        ANY_OPERATION.put("401", "No valid token: missing, expired, or not issued for this API (problem+json)");
        ANY_OPERATION.put("403", "The token's role may not do this (problem+json)");
        ANY_OPERATION.put("404", "No such resource, or not yours (problem+json)");
        ANY_OPERATION.put("405", "Method not allowed on this path (problem+json)");
        ANY_OPERATION.put("406", "The Accept header asks for a type this operation does not produce (problem+json)");
        ANY_OPERATION.put("413", "Body over 512 KB (problem+json)");
        ANY_OPERATION.put("414", "request-line-too-long: method, path and query over 4 KB together (problem+json; "
                + "past 64 KB the HTTP layer refuses with the status alone)");
        ANY_OPERATION.put("415", "Body not sent as application/json (problem+json)");
        ANY_OPERATION.put("431", "headers-too-large: the request's headers over 20 KB together (problem+json; "
                + "past 64 KB the HTTP layer refuses with the status alone)");
        ANY_OPERATION.put("503", "Temporarily unavailable (database restarting, ledger rebuilding); see Retry-After (problem+json)");
    }

    private ProblemDocumentation() {
    }

    static void apply(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("FieldError", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid field")
                .addProperty("field", stringSchema("Path of the field, e.g. cargo.containerNumbers[0]"))
                .addProperty("message", stringSchema("What is wrong with it")));
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> document(path, method, operation)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        Map<String, String> errors = new LinkedHashMap<>(ANY_OPERATION);
        if (path.startsWith("/api/v1/declarations/{id}")) {
            // Every operation on one declaration finds it first, online or archived.
            errors.put("410", "gone: the declaration was booked on a day whose records were deleted at the end of "
                    + "their legal retention (problem+json)");
        }
        if (path.endsWith("/exit") || path.endsWith("/check-ins")) {
            // Where a province requires its fee paid (bordergate.payments.collectors."P".required-at).
            errors.put("402", "payment-required: the trip's border-gate fee is not paid; `amountDueVnd` and "
                    + "`paymentReference` say what to pay (problem+json)");
        }
        if (method != PathItem.HttpMethod.GET) {
            errors.put("409", "Refused in the current state of things: `type` says which rule (problem+json)");
        }
        if (hasHeader(operation, "If-Match")) {
            errors.put("412", "stale-version: the declaration changed since that version; `currentVersion` (problem+json)");
            errors.put("428", "precondition-required: send If-Match with the version from the ETag (problem+json)");
        }
        if (hasHeader(operation, "Idempotency-Key")) {
            errors.put("408", "The request body did not arrive within 5 s (problem+json)");
            errors.put("422", "idempotency-key-reused: this key was used with another body (problem+json)");
            errors.put("429", "Too many bookings in progress on this instance or for this firm; see Retry-After (problem+json)");
        }
        for (Map.Entry<String, String> common : errors.entrySet()) {
            if (!responses.hasAPIResponse(common.getKey())) {
                responses.addAPIResponse(common.getKey(), OASFactory.createAPIResponse().description(common.getValue()));
            }
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(OASFactory.createContent().addMediaType(ProblemResponses.PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            }
        }
    }

    private static boolean hasHeader(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER
                        && name.equalsIgnoreCase(p.getName()));
    }

    private static Schema problemSchema() {
        Schema problem = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An error, as RFC 9457 problem details, with the extension members its `type` carries")
                .addProperty("type", stringSchema("URI naming the kind of problem, ending in e.g. /problems/slot-full"))
                .addProperty("title", stringSchema("Short summary, in Vietnamese with Accept-Language: vi"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).minimum(
                        java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", stringSchema("What happened in this case"))
                .addProperty("instance", stringSchema("The request it is about"))
                .required(List.of("type", "title", "status"));
        for (ProblemMember member : ProblemMember.values()) {
            problem.addProperty(member.json(), member.schema());
        }
        return problem;
    }

    private static Schema stringSchema(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
