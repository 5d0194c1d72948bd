package vn.bordergate.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators see bookings by outcome on /q/metrics (management port), next to the standard HTTP and JVM metrics. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class MetricsTest {

    /** The management interface's port in tests (9001 unless configured). */
    static final String metrics = "http://localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001) + "/q/metrics";

    static String bookings(String gate, String outcome) {
        return "bordergate_bookings_total{gate=\"" + gate + "\",outcome=\"" + outcome + "\"}";
    }

    static String scrape() {
        return given().when().get(metrics).then().statusCode(200).extract().asString();
    }

    /** The value of {@code series} in a scrape; 0 while no booking has created it yet. */
    static double value(String scraped, String series) {
        return scraped.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(vn.bordergate.support.MetricLines::value)
                .findFirst().orElse(0.0);
    }

    @Test
    void bookingsAreCountedByGateAndOutcome() {
        String firm = Tokens.enterprise("0100109106-606");
        var body = Fixtures.declaration("TAN_THANH", "EXPORT", Fixtures.slot(3, 7));
        String before = scrape();

        Api.declare(firm, body).then().statusCode(201);
        Api.declare(firm, body).then().statusCode(409); // the same truck again

        String after = scrape();
        // Other tests book at TAN_THANH too: each series must grow by exactly this test's answers.
        assertEquals(value(before, bookings("TAN_THANH", "accepted")) + 1, value(after, bookings("TAN_THANH", "accepted")));
        assertEquals(value(before, bookings("TAN_THANH", "vehicle-already-booked")) + 1,
                value(after, bookings("TAN_THANH", "vehicle-already-booked")));
        assertTrue(after.contains("http_server_requests_seconds"), "the standard HTTP metrics are there too");
        assertTrue(after.lines().anyMatch(line -> line.startsWith("bordergate_bookings_in_flight ")),
                "the autoscaler's signal: bookings in flight");
    }

    @Test
    void aGateCodeMadeUpByAClientNeverBecomesASeries() {
        String firm = Tokens.enterprise("0100109106-607");
        double invalidBefore = value(scrape(), bookings("unknown", "invalid"));
        for (int i = 0; i < 20; i++) {
            var body = Fixtures.declaration("X" + "Q".repeat(1500) + i, "EXPORT", Fixtures.slot(3, 7));
            Api.declare(firm, body).then().statusCode(400);
        }
        String scraped = scrape();
        long series = scraped.lines().filter(line -> line.startsWith("bordergate_bookings_total{")).count();
        assertFalse(scraped.contains("QQQQ"), "no made-up gate code in any label");
        assertEquals(invalidBefore + 20, value(scraped, bookings("unknown", "invalid")),
                "each refusal is counted under gate=unknown");
        assertTrue(series <= 7 * 8, "a closed set of series: " + series);
    }

    /**
     * What an alert is written on (deploy/prometheus/alerts.yml): latency buckets per route template, summed
     * over instances, never a series per declaration id; and the admission line's length and wait.
     */
    @Test
    void requestLatencyHasBucketsPerRouteTemplateAndTheAdmissionLineIsMeasured() {
        String firm = Tokens.enterprise("0100109106-608");
        String id = Api.declare(firm, Fixtures.declaration("TAN_THANH", "EXPORT", Fixtures.slot(3, 8)))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(firm).when().get("/api/v1/declarations/" + id).then().statusCode(200);

        String scraped = scrape();
        assertTrue(scraped.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                        && line.contains("uri=\"/api/v1/declarations/{id}\"") && line.contains("le=\"0.1\"")),
                "a bucket at 100 ms for the route template");
        assertTrue(scraped.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                && line.contains("method=\"POST\"") && line.contains("uri=\"/api/v1/declarations\"")), "bookings have buckets");
        assertFalse(scraped.contains(id), "no series names a declaration");
        assertTrue(scraped.lines().anyMatch(line -> line.startsWith("bordergate_admission_queue_wait_seconds_bucket{")),
                "the wait in the admission line");
        assertTrue(scraped.lines().anyMatch(line -> line.startsWith("bordergate_bookings_queued ")), "the line's length");
        assertTrue(scraped.lines().anyMatch(line -> line.startsWith("bordergate_webhook_backlog ")), "the webhook backlog");
    }

    @Test
    void operationsEndpointsAreNotOnThePublicPort() {
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(404);
        given().when().get("/q/health").then().statusCode(404);
    }
}
