package vn.bordergate.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Operators see bookings by outcome on /q/metrics (management port), next to the standard HTTP and JVM metrics. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class MetricsTest {

    /** The management interface's port in tests (9001 unless configured). */
    static final String metrics = "http://localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001) + "/q/metrics";

    @Test
    void bookingsAreCountedByGateAndOutcome() {
        String firm = Tokens.enterprise("0100109106-606");
        var body = Fixtures.declaration("TAN_THANH", "EXPORT", Fixtures.slot(3, 7));
        Api.declare(firm, body).then().statusCode(201);
        Api.declare(firm, body).then().statusCode(409); // the same truck again

        given().when().get(metrics).then().statusCode(200)
                .body(containsString("bordergate_bookings_total{gate=\"TAN_THANH\",outcome=\"accepted\"}"))
                .body(containsString("bordergate_bookings_total{gate=\"TAN_THANH\",outcome=\"vehicle-already-booked\"}"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void aGateCodeMadeUpByAClientNeverBecomesASeries() {
        String firm = Tokens.enterprise("0100109106-607");
        for (int i = 0; i < 20; i++) {
            var body = Fixtures.declaration("X" + "Q".repeat(1500) + i, "EXPORT", Fixtures.slot(3, 7));
            Api.declare(firm, body).then().statusCode(400);
        }
        String scraped = given().when().get(metrics).then().statusCode(200).extract().asString();
        long series = scraped.lines().filter(line -> line.startsWith("bordergate_bookings_total{")).count();
        org.junit.jupiter.api.Assertions.assertFalse(scraped.contains("QQQQ"), "no made-up gate code in any label");
        org.junit.jupiter.api.Assertions.assertTrue(scraped.contains("bordergate_bookings_total{gate=\"unknown\",outcome=\"invalid\"}"));
        org.junit.jupiter.api.Assertions.assertTrue(series <= 7 * 8, "a closed set of series: " + series);
    }

    @Test
    void operationsEndpointsAreNotOnThePublicPort() {
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(404);
        given().when().get("/q/health").then().statusCode(404);
    }
}
