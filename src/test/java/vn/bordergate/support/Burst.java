package vn.bordergate.support;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Fires many requests at once, as firms' systems do when a booking day opens, and collects the answers. */
public final class Burst {

    /** One answer: status and body. */
    public record Answer(int status, String body) {
    }

    private Burst() {
    }

    public static List<Answer> declareAll(List<String> tokens, List<String> bodies) {
        var executor = Executors.newFixedThreadPool(64);
        // HTTP/1.1, a connection per request in flight, as many firms' systems arrive. By default the JDK client
        // upgrades to HTTP/2 and multiplexes the whole burst on one connection, and a GOAWAY from the server on
        // a busy machine then fails every request on it at once (seen once in CapacityCutRaceTest under CI load).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/declarations");
            List<CompletableFuture<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                        .build();
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> new Answer(r.statusCode(), r.body())));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        } finally {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static long count(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    public static Map<Integer, Long> byStatus(List<Answer> answers) {
        return answers.stream().collect(java.util.stream.Collectors.groupingBy(Answer::status, java.util.stream.Collectors.counting()));
    }
}
