package vn.bordergate.contract;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document as firms' developers need it to generate a client they can trust: errors as one
 * Problem schema, the headers the service sends, limits on every value, no Java type names, the server
 * this deployment is reached at. Limits of request fields are set where the fields are declared (they
 * match the validators); what is left unbounded here (response-only fields) gets a stated upper bound.
 */
public class OpenApiContract implements OASFilter {

    /** Java types SmallRye would publish as models of their own; clients want plain strings. */
    private static final Set<String> JAVA_TYPES = Set.of("Instant", "LocalDate", "LocalTime", "OffsetDateTime", "UUID");
    private static final Set<String> STREAM_TYPES = Set.of("OutboundSseEvent", "MediaType");
    private static final String SCHEMAS = "#/components/schemas/";
    /** Where the built document points until the running service names its own address (OpenApiServers). */
    static final String DEFAULT_SERVER = "https://api.bordergate.example";
    /** Limits of array items, which Java cannot annotate in place: property name, max length, pattern. */
    private static final Map<String, Object[]> ITEM_LIMITS = Map.of(
            "containerNumbers", new Object[]{16, null},
            "customsDeclarationNumbers", new Object[]{12, "^[0-9]{12}$"});

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ProblemDocumentation.apply(openAPI);
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations()
                    .forEach((method, operation) -> tidy(method, operation)));
        }
        schemas.values().forEach(OpenApiContract::inlineAndBound);
        JAVA_TYPES.forEach(openAPI.getComponents()::removeSchema);
        STREAM_TYPES.forEach(openAPI.getComponents()::removeSchema);
        servers(openAPI, DEFAULT_SERVER);
        SecurityScheme bearer = openAPI.getComponents().getSecuritySchemes().get("bearerAuth");
        if (bearer != null) {
            bearer.setDescription("A JWT signed with RS256 by the identity provider, for this API's audience. "
                    + "Verification follows RFC8725: the algorithm is fixed (no 'none'), issuer and audience are "
                    + "checked, tokens expire.");
        }
        openAPI.getInfo().contact(OASFactory.createContact().name("Digital Border Gate API team")
                .url("https://github.com/bordergate/api/issues"));
    }

    private static void tidy(PathItem.HttpMethod method, Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(OpenApiContract::bound);
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> inlineAndBound(m.getSchema()));
        }
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (response.getContent() != null) {
                for (Map.Entry<String, MediaType> media : response.getContent().getMediaTypes().entrySet()) {
                    if (media.getKey().startsWith("text/event-stream")) {
                        media.getValue().setSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                                .maxLength(1_000_000).description("Server-sent events: `id`, `event` and a JSON `data` line each"));
                    } else {
                        inlineAndBound(media.getValue().getSchema());
                    }
                }
            }
            headers(method, status, response);
        });
    }

    /** The headers each answer carries (see RateLimits and ProblemResponses). */
    private static void headers(PathItem.HttpMethod method, String status, APIResponse response) {
        if (status.startsWith("2") || status.startsWith("4")) {
            response.addHeader("RateLimit-Limit", count("Requests this client may send at once (see RateLimit-Reset)"));
            response.addHeader("RateLimit-Remaining", count("Requests left now"));
            response.addHeader("RateLimit-Reset", seconds("Seconds until the budget is full again (at most a day)"));
        }
        if (status.equals("429") || status.equals("503")) {
            response.addHeader("Retry-After", seconds("Seconds to wait before retrying"));
        }
        if (status.equals("201")) {
            response.addHeader("Location", stringHeader("URL of what was created", 2048));
        }
        if (status.startsWith("2") && method != PathItem.HttpMethod.DELETE && response.getContent() != null
                && response.getContent().getMediaTypes().values().stream().anyMatch(m -> m.getSchema() != null
                && (SCHEMAS + "DeclarationView").equals(m.getSchema().getRef()))) {
            response.addHeader("ETag", stringHeader("The declaration's version, for If-Match", 16));
        }
    }

    /** A number of requests: any budget an operator may configure. */
    private static Header count(String description) {
        return integerHeader(description, Integer.MAX_VALUE);
    }

    /** A wait: RateLimits refuses at start-up a budget that would take longer than a day to refill. */
    private static Header seconds(String description) {
        return integerHeader(description, 86_400);
    }

    private static Header integerHeader(String description, int maximum) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.INTEGER)).format("int32").minimum(BigDecimal.ZERO)
                .maximum(BigDecimal.valueOf(maximum)));
    }

    private static Header stringHeader(String description, int maxLength) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(maxLength));
    }

    private static void bound(Parameter parameter) {
        if (parameter.getSchema() != null) {
            inlineAndBound(parameter.getSchema());
        }
    }

    /** Replaces references to Java types with plain strings, and states a bound where none is given. */
    static void inlineAndBound(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (JAVA_TYPES.contains(name)) {
                schema.setRef(null);
                schema.setType(List.of(Schema.SchemaType.STRING));
                schema.setFormat(switch (name) {
                    case "LocalDate" -> "date";
                    case "LocalTime" -> "time";
                    case "UUID" -> "uuid";
                    default -> "date-time";
                });
            } else {
                return;
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                Object[] limits = ITEM_LIMITS.get(name);
                if (limits != null && property.getItems() != null) {
                    property.getItems().setMaxLength((Integer) limits[0]);
                    property.getItems().setPattern((String) limits[1]);
                }
                inlineAndBound(property);
            });
        }
        inlineAndBound(schema.getItems());
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(OpenApiContract::inlineAndBound);
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            inlineAndBound(schema.getAdditionalPropertiesSchema());
        }
        List<Schema.SchemaType> type = schema.getType();
        if (type == null) {
            return;
        }
        if (type.contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null && schema.getEnumeration() == null) {
            schema.setMaxLength(switch (schema.getFormat() == null ? "" : schema.getFormat()) {
                case "date" -> 10;
                case "time" -> 18;
                case "uuid" -> 36;
                case "date-time" -> 35;
                default -> 2000;
            });
        }
        if (type.contains(Schema.SchemaType.INTEGER)) {
            boolean wide = "int64".equals(schema.getFormat());
            if (schema.getFormat() == null) {
                schema.setFormat("int32");
            }
            if (schema.getMinimum() == null) {
                schema.setMinimum(BigDecimal.ZERO);
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(wide ? Long.MAX_VALUE : Integer.MAX_VALUE));
            }
        }
        if (type.contains(Schema.SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(10_000);
        }
    }

    /** The deployment's public address (BORDERGATE_API_URL, https), marked as the public audience. */
    static void servers(OpenAPI openAPI, String url) {
        openAPI.setServers(List.of(OASFactory.createServer().url(url)
                .description("production: the public API of this deployment").addExtension("x-internal", false)));
    }
}
