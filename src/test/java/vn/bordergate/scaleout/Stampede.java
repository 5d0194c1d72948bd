package vn.bordergate.scaleout;

import io.vertx.core.json.JsonObject;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Many firms booking one slot at the same moment, as when a day opens: {@code firms} firms send
 * {@code perFirm} bookings each (a new truck every time), from {@code clients} connections at once.
 */
final class Stampede {

    /** One answer: HTTP status (-1: no answer at all) and, for a 201, the declaration's id. */
    record Answer(int status, String id) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private long elapsedNanos;

    /**
     * Sends the bookings through {@code target} (an instance's index or {@link PackagedService#BALANCER}),
     * and returns once every one has its answer. {@code whileRunning} runs once a quarter have been sent.
     */
    static Stampede run(PackagedService service, IntSupplier target, String gate, String direction, OffsetDateTime slot,
                        int firms, int perFirm, String firmPrefix, int clients, Runnable whileRunning) throws Exception {
        Stampede stampede = new Stampede();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<String> tokens = new ArrayList<>();
        for (int f = 0; f < firms; f++) {
            tokens.add(PackagedService.firm(taxCode(firmPrefix, f)));
        }
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        int total = firms * perFirm;
        for (int i = 0; i < total; i++) {
            String token = tokens.get(i % firms);
            pool.submit(() -> {
                sent.incrementAndGet();
                try {
                    HttpResponse<String> answer = service.declare(target.getAsInt(), token,
                            Fixtures.declaration(gate, direction, slot), UUID.randomUUID().toString(), Duration.ofSeconds(60));
                    stampede.answers.add(new Answer(answer.statusCode(), answer.statusCode() == 201
                            ? new JsonObject(answer.body()).getString("id") : null));
                } catch (Exception noAnswer) {
                    stampede.answers.add(new Answer(-1, null));
                }
            });
        }
        if (whileRunning != null) {
            while (sent.get() < total / 4) {
                Thread.sleep(2);
            }
            whileRunning.run();
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the stampede's clients did not finish");
        }
        stampede.elapsedNanos = System.nanoTime() - start;
        return stampede;
    }

    /**
     * Books one truck at a time through {@code target} until the slot says it is full; answers how many it
     * booked. A 503 (the machine is overloaded) is retried after a pause, as a firm's system would.
     */
    static int topUp(PackagedService service, int target, String gate, String direction, OffsetDateTime slot,
                     int atMost, String firmPrefix) throws Exception {
        int booked = 0;
        int unavailable = 0;
        while (booked < atMost + 1) {
            HttpResponse<String> answer = service.declare(target, PackagedService.firm(taxCode(firmPrefix, booked)),
                    Fixtures.declaration(gate, direction, slot), UUID.randomUUID().toString(), Duration.ofSeconds(30));
            if (answer.statusCode() == 201) {
                booked++;
            } else if (answer.statusCode() == 503 && ++unavailable < 50) {
                Thread.sleep(200);
            } else if (answer.statusCode() == 409 && answer.body().contains("slot-full")) {
                return booked;
            } else {
                throw new IllegalStateException("top-up answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        return booked;
    }

    /** A firm's tax code: 10 digits, the prefix first. */
    static String taxCode(String prefix, int firm) {
        return prefix + String.format("%0" + (10 - prefix.length()) + "d", firm);
    }

    long count(int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    long serverErrors() {
        return answers.stream().filter(a -> a.status() >= 500 || a.status() < 0).count();
    }

    List<String> createdIds() {
        return answers.stream().filter(a -> a.status() == 201).map(Answer::id).toList();
    }

    Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    int requests() {
        return answers.size();
    }

    /** Requests answered per second over the whole stampede. */
    double perSecond() {
        return answers.size() / (elapsedNanos / 1e9);
    }

    /** How many of the 201s have their row in PostgreSQL. */
    long rowsOfCreated(PackagedService service) throws Exception {
        List<String> ids = createdIds();
        if (ids.isEmpty()) {
            return 0;
        }
        return service.queryLong("SELECT count(*) FROM declarations WHERE id = ANY(?::uuid[])",
                (Object) ("{" + String.join(",", ids) + "}"));
    }
}
