package vn.bordergate.reliability;

import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The answers a fault test's clients received: status (or -1 for no answer at all), time and body. */
final class Answers {

    record Answer(int status, long sentAtNanos, long millis, String body, String retryAfter, String contentType) {
    }

    private final ConcurrentLinkedQueue<Answer> all = new ConcurrentLinkedQueue<>();

    void add(HttpResponse<String> response, long startedNanos) {
        all.add(new Answer(response.statusCode(), startedNanos, (System.nanoTime() - startedNanos) / 1_000_000, response.body(),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Content-Type").orElse(null)));
    }

    void noAnswer(long startedNanos, Exception e) {
        all.add(new Answer(-1, startedNanos, (System.nanoTime() - startedNanos) / 1_000_000, e.toString(), null, null));
    }

    Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        all.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    long count(int status) {
        return all.stream().filter(a -> a.status() == status).count();
    }

    int size() {
        return all.size();
    }

    List<String> createdIds() {
        return all.stream().filter(a -> a.status() == 201).map(a -> new JsonObject(a.body()).getString("id")).toList();
    }

    List<Answer> withStatus(int status) {
        return all.stream().filter(a -> a.status() == status).toList();
    }

    /** Milliseconds from {@code since} to the first request sent after it that got {@code status}; -1 if none. */
    long firstAfter(long sinceNanos, int status) {
        return all.stream().filter(a -> a.status() == status && a.sentAtNanos() >= sinceNanos)
                .mapToLong(a -> (a.sentAtNanos() - sinceNanos) / 1_000_000 + a.millis()).min().orElse(-1);
    }

    long slowest() {
        return all.stream().mapToLong(Answer::millis).max().orElse(0);
    }
}
