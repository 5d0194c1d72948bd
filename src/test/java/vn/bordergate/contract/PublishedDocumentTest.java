package vn.bordergate.contract;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.PublishedContract;
import vn.bordergate.support.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The document firms' developers generate their clients from says what every answer is: each error a problem
 * (application/problem+json, the Problem schema), the request-line and header refusals included, and each
 * success with the schema of its body. A firm's generated client meets nothing the document did not name.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class PublishedDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head");
    private static final int MANAGEMENT_PORT = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);

    @Test
    void everyErrorIsAProblemAndEverySuccessNamesItsBody() {
        JsonObject document = new JsonObject(given().baseUri("http://localhost").port(MANAGEMENT_PORT)
                .queryParam("format", "json").when().get("/q/openapi").asString());
        List<String> untypedErrors = new ArrayList<>();
        List<String> untypedSuccesses = new ArrayList<>();
        for (Map.Entry<String, Object> path : document.getJsonObject("paths")) {
            for (Map.Entry<String, Object> method : (JsonObject) path.getValue()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                String operation = method.getKey().toUpperCase() + " " + path.getKey();
                JsonObject responses = ((JsonObject) method.getValue()).getJsonObject("responses");
                for (Map.Entry<String, Object> response : responses) {
                    String status = response.getKey();
                    JsonObject content = ((JsonObject) response.getValue()).getJsonObject("content");
                    if (status.startsWith("4") || status.startsWith("5")) {
                        JsonObject problem = content == null ? null : content.getJsonObject("application/problem+json");
                        if (problem == null || !String.valueOf(problem.getValue("schema")).contains("#/components/schemas/Problem")) {
                            untypedErrors.add(operation + " " + status);
                        }
                    } else if (status.startsWith("2") && !status.equals("204") && !method.getKey().equals("head")) {
                        boolean typed = content != null && !content.isEmpty() && content.stream()
                                .allMatch(type -> ((JsonObject) type.getValue()).containsKey("schema"));
                        if (!typed) {
                            untypedSuccesses.add(operation + " " + status);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), untypedErrors, "error answers documented without the problem schema");
        assertEquals(List.of(), untypedSuccesses, "success answers documented without the schema of their body");
    }

    @Test
    void aRequestLineTooLongIsRefusedWithAProblemAsDocumented() {
        String path = "/api/v1/gates/HUU_NGHI";
        var answer = given().queryParam("q", "x".repeat(5000)).when().get(path);
        answer.then().statusCode(414).contentType("application/problem+json")
                .body("type", containsString("request-line-too-long")).body("status", equalTo(414));
        PublishedContract.assertDocumented("GET", path, answer);
    }

    @Test
    void headersTooLargeAreRefusedWithAProblemAsDocumented() {
        String path = "/api/v1/declarations";
        var answer = given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).header("X-Padding", "x".repeat(24_000))
                .when().get(path);
        answer.then().statusCode(431).contentType("application/problem+json")
                .body("type", containsString("headers-too-large")).body("status", equalTo(431));
        PublishedContract.assertDocumented("GET", path, answer);
    }
}
