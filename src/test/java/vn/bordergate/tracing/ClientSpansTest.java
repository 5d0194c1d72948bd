package vn.bordergate.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One booking with the Redis and SQL clients' spans turned on, as an operator does for a diagnosis: each Redis
 * command of the claim, the PostgreSQL write and the live event's PUBLISH, all in the firm's trace (the
 * production settings: BookingTraceTest).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
@TestProfile(ClientSpansTest.WithClientSpans.class)
class ClientSpansTest {

    /** The Redis and SQL clients' spans, off in production (their cost: docs/PERFORMANCE.md, "Tracing"). */
    public static class WithClientSpans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.instrument.vertx-sql-client", "true",
                    "quarkus.otel.instrument.vertx-redis-client", "true");
        }
    }


    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
    private static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aBookingIsOneTraceFromTheRequestThroughRedisAndPostgreSqlToTheLiveEvent() {
        String gate = Gates.onboard("Sóc Giang", 10);
        String traceId = newId(16);
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).header("traceparent", "00-" + traceId + "-" + newId(8) + "-01")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .contentType("application/json").body(Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, 10)))
                .when().post("/api/v1/declarations").then().log().ifValidationFails().statusCode(201);

        // Spans are exported in batches, each when it ends (the SQL client's may end after the answer was sent):
        // wait for the request's span, the booking's write and the live event's PUBLISH. The write is in the
        // request's trace, or, when it went in a batch with others (group commit), under the batch's span,
        // which links to the request.
        List<SpanData> trace = await().atMost(Duration.ofSeconds(20)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)
                        && found.stream().anyMatch(ClientSpansTest::publishesLiveEvent)
                        && (found.stream().anyMatch(ClientSpansTest::writesTheBooking) || writtenInABatch(traceId)));
        SpanData request = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals("/api/v1/declarations", request.getAttributes().get(ROUTE), "named by its route, not its raw path");
        Map<String, SpanData> byId = new HashMap<>();
        trace.forEach(s -> byId.put(s.getSpanId(), s));
        for (SpanData span : trace) {
            if (span != request) {
                assertTrue(descendsFrom(span, request, byId), span.getName() + " hangs under the request's span");
            }
        }
        assertTrue(trace.stream().anyMatch(s -> "redis".equals(s.getAttributes().get(DB_SYSTEM))), "the Redis claim: " + names(trace));

    }

    /** Whether a group commit linked to this trace wrote the booking. */
    private boolean writtenInABatch(String traceId) {
        List<SpanData> all = spans.getFinishedSpanItems();
        return all.stream().filter(batch -> batch.getName().equals("group commit")
                        && batch.getLinks().stream().anyMatch(link -> link.getSpanContext().getTraceId().equals(traceId)))
                .anyMatch(batch -> all.stream().anyMatch(write -> write.getParentSpanId().equals(batch.getSpanId())
                        && writesTheBooking(write)));
    }

    private static boolean writesTheBooking(SpanData span) {
        // Quarkus names PostgreSQL "postgres" in db.system (the semantic conventions say "postgresql").
        return String.valueOf(span.getAttributes().get(DB_SYSTEM)).startsWith("postgres")
                && statement(span).contains("INSERT INTO declarations");
    }

    private static boolean publishesLiveEvent(SpanData span) {
        return "redis".equals(span.getAttributes().get(DB_SYSTEM))
                && (span.getName().toLowerCase().contains("publish") || statement(span).toLowerCase().startsWith("publish"));
    }

    private static String statement(SpanData span) {
        String text = span.getAttributes().get(DB_QUERY);
        if (text == null) {
            text = span.getAttributes().get(DB_STATEMENT);
        }
        return text == null ? "" : text;
    }

    private static boolean descendsFrom(SpanData span, SpanData root, Map<String, SpanData> byId) {
        SpanData at = span;
        for (int depth = 0; depth < 20 && at != null; depth++) {
            if (at.getParentSpanId().equals(root.getSpanId())) {
                return true;
            }
            at = byId.get(at.getParentSpanId());
        }
        return false;
    }

    private static List<String> names(List<SpanData> trace) {
        return trace.stream().map(s -> s.getName() + " " + s.getAttributes().get(DB_SYSTEM)).toList();
    }

    private static String newId(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }
}
