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

/** Operators see bookings by outcome on /q/metrics, next to the standard HTTP and JVM metrics. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class MetricsTest {

    @Test
    void bookingsAreCountedByGateAndOutcome() {
        String firm = Tokens.enterprise("0100109106-606");
        var body = Fixtures.declaration("TAN_THANH", "EXPORT", Fixtures.slot(3, 7));
        Api.declare(firm, body).then().statusCode(201);
        Api.declare(firm, body).then().statusCode(409); // the same truck again

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("bordergate_bookings_total{gate=\"TAN_THANH\",outcome=\"accepted\"}"))
                .body(containsString("bordergate_bookings_total{gate=\"TAN_THANH\",outcome=\"vehicle-already-booked\"}"))
                .body(containsString("http_server_requests_seconds"));
    }
}
