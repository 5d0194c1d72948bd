package vn.bordergate.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.List;

/**
 * Checks an answer the way a firm's generated client reads it: against the OpenAPI document the running
 * service publishes, with every object closed (a member the document does not name is an error, as it is
 * for strict generated models).
 */
public final class PublishedContract {

    private static final int MANAGEMENT_PORT = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);

    private static OpenApiInteractionValidator validator;

    private PublishedContract() {
    }

    /** Fails when {@code answer} to {@code method path} is not as the published document describes it. */
    public static void assertDocumented(String method, String path, Response answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.asString());
        answer.headers().forEach(header -> response.withHeader(header.getName(), header.getValue()));
        ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method), response.build());
        List<String> errors = report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + answer.statusCode() + " "
                    + answer.asString() + ", not as documented: " + errors);
        }
    }

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            // The document is served on the management interface, as in production.
            String document = RestAssured.given().baseUri("http://localhost").port(MANAGEMENT_PORT)
                    .queryParam("format", "json").when().get("/q/openapi").asString();
            // Header schemas are OpenAPI 3.1 type lists, which the validator would parse as JSON; not checked here.
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response.header.schema.invalidJson", ValidationReport.Level.IGNORE).build())
                    .build();
        }
        return validator;
    }
}
