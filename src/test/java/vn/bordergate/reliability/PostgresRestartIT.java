package vn.bordergate.reliability;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Eventually;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL restarts (a minor upgrade, a failover) while bookings keep arriving: the service answers
 * 503 + Retry-After meanwhile, never 500 and never a hang, and is exact again by itself afterwards.
 */
class PostgresRestartIT {

    static final String GATE = "CHI_MA";
    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(1, Map.of("BORDERGATE_ADMISSION_RECONCILE_EVERY", "2s"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void bookingsDuringARestartAreRefusedWithRetryAfterAndNothingLeaks() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 14);
        String firm = PackagedService.firm("0100109106");
        HttpResponse<String> capacity = service.put(0, "/api/v1/gates/" + GATE + "/capacity", PackagedService.supervisor(GATE),
                new JsonObject().put("direction", "EXPORT").put("from", Fixtures.iso(slot))
                        .put("to", Fixtures.iso(slot.plusHours(1))).put("capacityPerSlot", 500).encode());
        assertEquals(200, capacity.statusCode(), capacity.body());
        Answers answers = new Answers();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        // Four clients, each booking every 0.5 s for 12 s; PostgreSQL is down from 3 s to 7 s.
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (System.nanoTime() - start < 12_000_000_000L) {
                    long sent = System.nanoTime();
                    try {
                        answers.add(service.declare(0, firm, Fixtures.declaration(GATE, "EXPORT", slot),
                                UUID.randomUUID().toString(), Duration.ofSeconds(20)), sent);
                    } catch (Exception e) {
                        answers.noAnswer(sent, e);
                    }
                    Thread.sleep(500);
                }
                return null;
            });
        }
        Thread.sleep(3000);
        service.infrastructure().stopPostgres();
        long stoppedAt = System.nanoTime();
        Thread.sleep(4000);
        service.infrastructure().startPostgres();
        long restartedAt = System.nanoTime();
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));

        long firstCreatedAfter = answers.firstAfter(restartedAt, 201);
        long rowsOfAnswers = 0;
        for (String id : answers.createdIds()) {
            rowsOfAnswers += service.queryLong("SELECT count(*) FROM declarations WHERE id = ?::uuid", id);
        }
        boolean exact = Eventually.within(Duration.ofSeconds(20), () ->
                service.redis().used(GATE, slot.toLocalDate(), "EXPORT:1400") == service.activeRows(GATE, "EXPORT", slot));
        System.out.printf("FIGURE postgres-restart: requests=%d answers=%s created=%d rows_of_201=%d slowest_ms=%d "
                        + "down_ms=%d first_201_after_start_ms=%d redis_equals_postgres=%s%n", answers.size(),
                answers.byStatus(), answers.count(201), rowsOfAnswers, answers.slowest(),
                (restartedAt - stoppedAt) / 1_000_000, firstCreatedAfter, exact);

        assertEquals(0, answers.count(500), "no 500 while PostgreSQL restarts: " + answers.byStatus() + ", e.g. "
                + answers.withStatus(500).stream().limit(1).toList());
        assertEquals(0, answers.count(-1), "no request hangs or is dropped: " + answers.withStatus(-1).stream().limit(3).toList());
        assertEquals(answers.size(), answers.count(201) + answers.count(503), "each booking is booked or told to retry: "
                + answers.byStatus());
        assertTrue(answers.count(503) > 0, "bookings during the restart are refused as unavailable");
        for (Answers.Answer refused : answers.withStatus(503)) {
            assertNotNull(refused.retryAfter(), "a 503 says when to retry: " + refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertEquals(503, new JsonObject(refused.body()).getInteger("status"));
        }
        assertEquals(answers.count(201), rowsOfAnswers, "every 201 has its row");
        assertTrue(firstCreatedAfter >= 0, "the pool recovers by itself and bookings are accepted again");
        assertTrue(exact, "no claim stays leaked: the ledger counts what PostgreSQL holds");
    }
}
