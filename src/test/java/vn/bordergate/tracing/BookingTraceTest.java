package vn.bordergate.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One booking as an operator follows it, with the production settings: a firm's request that carries a
 * sampled trace (W3C traceparent) is traced whole, its span named by the route, with the booking's steps under
 * it: the slot claim in Redis, the write to PostgreSQL, the live event. A refusal names its trace, sampled or not.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class BookingTraceTest {

    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final List<String> STEPS = List.of("slot claim", "booking write", "live event");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aSampledBookingIsOneTraceFromTheRequestThroughItsClaimAndWriteToTheLiveEvent() {
        String traceId = newId(16);
        book(Gates.onboard("Bảo Lâm", 10), traceId, "01", 10);

        // Spans are exported in batches as they end; the live event may end after the answer went out.
        List<SpanData> trace = await().atMost(Duration.ofSeconds(20)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)
                        && STEPS.stream().allMatch(step -> found.stream().anyMatch(s -> s.getName().equals(step))));
        SpanData request = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals("/api/v1/declarations", request.getAttributes().get(ROUTE), "named by its route, not its raw path");
        for (String step : STEPS) {
            SpanData span = trace.stream().filter(s -> s.getName().equals(step)).findFirst().orElseThrow();
            assertEquals(request.getSpanId(), span.getParentSpanId(), step + " is a step of the request");
        }
        assertEquals("redis", attribute(trace, "slot claim"));
        assertEquals("postgresql", attribute(trace, "booking write"));
        SpanData claim = trace.stream().filter(s -> s.getName().equals("slot claim")).findFirst().orElseThrow();
        SpanData write = trace.stream().filter(s -> s.getName().equals("booking write")).findFirst().orElseThrow();
        assertTrue(claim.getEndEpochNanos() <= write.getStartEpochNanos(), "the place is claimed before the row is written");
    }

    @Test
    void anUnsampledBookingLeavesNoSpans() {
        String traceId = newId(16);
        book(Gates.onboard("Pò Mã", 10), traceId, "00", 11);
        // A sampled request after it: once its spans are out, the unsampled one's would have been too.
        String later = newId(16);
        given().header("traceparent", "00-" + later + "-" + newId(8) + "-01").when().get("/api/v1/gates").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getTraceId().equals(later)));
        assertTrue(spans.getFinishedSpanItems().stream().noneMatch(s -> s.getTraceId().equals(traceId)),
                "the firm said not to sample it");
    }

    @Test
    void aRefusalNamesTheTraceAnOperatorSearchesFor() {
        String traceId = newId(16);
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).header("traceparent", "00-" + traceId + "-" + newId(8) + "-01")
                .contentType("application/json").body(Map.of("gateCode", "HUU_NGHI"))
                .when().post("/api/v1/declarations").then().statusCode(400).body("traceId", equalTo(traceId));
        // Not sampled, or no trace sent at all: the refusal still names the trace the service gave it.
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).contentType("application/json").body(Map.of("gateCode", "HUU_NGHI"))
                .when().post("/api/v1/declarations").then().statusCode(400).body("traceId", matchesPattern("[0-9a-f]{32}"));
        given().when().get("/api/v1/gates/NO_SUCH_GATE").then().statusCode(404).body("traceId", matchesPattern("[0-9a-f]{32}"));
    }

    /** Books at {@code gate} in the firm's trace {@code traceId}, sampled when {@code flags} is 01. */
    private static void book(String gate, String traceId, String flags, int hour) {
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).header("traceparent", "00-" + traceId + "-" + newId(8) + "-" + flags)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json").body(Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, hour)))
                .when().post("/api/v1/declarations").then().statusCode(201);
    }

    private static String attribute(List<SpanData> trace, String step) {
        return trace.stream().filter(s -> s.getName().equals(step)).findFirst().orElseThrow().getAttributes().get(DB_SYSTEM);
    }

    static String newId(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }
}
