package vn.bordergate.scaleout;

import io.vertx.core.json.JsonObject;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The opening of a booking day as a fresh instance meets it: one slot with {@code places} free, and
 * {@code requests} bookings for it sent at the same moment, each by a firm seen for the first time (its own
 * token, its own truck), each on its own HTTP/1.1 connection, as firms' systems arrive.
 */
final class OpeningBurst {

    /** One answer: status (-1 when none came), its latency, and the declaration's id for a 201. */
    record Answer(int status, long nanos, String id, String type) {
    }

    final List<Answer> answers;
    final int places;

    private OpeningBurst(List<Answer> answers, int places) {
        this.answers = answers;
        this.places = places;
    }

    /** Sets the slot's capacity to {@code places}, then fires the burst through {@code target} and waits for every answer. */
    static OpeningBurst fire(PackagedService service, int target, String gate, String direction, OffsetDateTime slot,
                             int places, int requests, String firmPrefix) throws Exception {
        HttpResponse<String> capacity = service.put(target, "/api/v1/gates/" + gate + "/capacity",
                PackagedService.supervisor(gate), new JsonObject().put("direction", direction)
                        .put("from", Fixtures.iso(slot)).put("to", Fixtures.iso(slot.plusHours(1)))
                        .put("capacityPerSlot", places).encode());
        if (capacity.statusCode() != 200) {
            throw new IllegalStateException("capacity answered " + capacity.statusCode() + ": " + capacity.body());
        }
        List<HttpRequest> prepared = new ArrayList<>();
        URI uri = URI.create("http://localhost:" + service.port(target) + "/api/v1/declarations");
        for (int i = 0; i < requests; i++) {
            prepared.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + PackagedService.firm(Stampede.taxCode(firmPrefix, i)))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject(Fixtures.declaration(gate, direction, slot)).encode()))
                    .build());
        }
        ExecutorService executor = Executors.newFixedThreadPool(32);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            List<CompletableFuture<Answer>> pending = new ArrayList<>();
            for (HttpRequest request : prepared) {
                long sent = System.nanoTime();
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> new Answer(r.statusCode(), System.nanoTime() - sent,
                                r.statusCode() == 201 ? new JsonObject(r.body()).getString("id") : null, problemType(r)))
                        .exceptionally(noAnswer -> new Answer(-1, System.nanoTime() - sent, null, "no-answer")));
            }
            return new OpeningBurst(pending.stream().map(CompletableFuture::join).toList(), places);
        } finally {
            executor.shutdownNow();
        }
    }

    private static String problemType(HttpResponse<String> answer) {
        if (answer.statusCode() < 400) {
            return "";
        }
        try {
            String type = new JsonObject(answer.body()).getString("type", "");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (RuntimeException notJson) {
            return "not-problem-json";
        }
    }

    /** Refusals by problem type ({@code slot-full}, {@code too-many-requests}, ...). */
    Map<String, Long> refusals() {
        Map<String, Long> counts = new TreeMap<>();
        answers.stream().filter(a -> a.status() >= 400 || a.status() < 0)
                .forEach(a -> counts.merge(a.status() + " " + a.type(), 1L, Long::sum));
        return counts;
    }

    long count(int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    /** 5xx answers and requests that got no answer at all. */
    long serverErrors() {
        return answers.stream().filter(a -> a.status() >= 500 || a.status() < 0).count();
    }

    Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    /** The latency below which {@code percent} of the answers came, in milliseconds. */
    long percentileMillis(double percent) {
        long[] sorted = answers.stream().mapToLong(Answer::nanos).sorted().toArray();
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000;
    }

    /** How many of the 201s have their row in PostgreSQL. */
    long rowsOfCreated(PackagedService service) throws Exception {
        List<String> ids = answers.stream().filter(a -> a.status() == 201).map(Answer::id).toList();
        return ids.isEmpty() ? 0 : service.queryLong("SELECT count(*) FROM declarations WHERE id = ANY(?::uuid[])",
                (Object) ("{" + String.join(",", ids) + "}"));
    }

    /** One line for the run's log and docs/PERFORMANCE.md. */
    String figure(String name, long rows, long ledger) {
        return String.format("FIGURE %s: places=%d requests=%d answers=%s refusals=%s rows=%d ledger=%d places_left=%d "
                        + "share_429=%.1f%% first_ms=%d p50_ms=%d p99_ms=%d max_ms=%d", name, places, answers.size(), byStatus(), refusals(), rows,
                ledger, places - rows, 100.0 * count(429) / answers.size(), percentileMillis(0), percentileMillis(50), percentileMillis(99),
                Arrays.stream(answers.stream().mapToLong(Answer::nanos).toArray()).max().orElse(0) / 1_000_000);
    }
}
