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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One of two instances is killed ({@code kill -9}) in the middle of a stampede: every 201 has its row, the
 * slot never goes over capacity, and the claims the dead instance left in Redis are healed, so every
 * place is bookable again.
 */
class KilledInstanceIT {

    static final String GATE = "COC_NAM";
    static final int CAPACITY = 400;
    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(2, Map.of("BORDERGATE_ADMISSION_RECONCILE_EVERY", "2s"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aKilledInstanceLosesNoAcceptedBookingAndLeaksNoPlace() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 14);
        HttpResponse<String> capacity = service.put(1, "/api/v1/gates/" + GATE + "/capacity", PackagedService.supervisor(GATE),
                new JsonObject().put("direction", "IMPORT").put("from", Fixtures.iso(slot))
                        .put("to", Fixtures.iso(slot.plusHours(1))).put("capacityPerSlot", CAPACITY).encode());
        assertEquals(200, capacity.statusCode(), capacity.body());

        Answers answers = new Answers();
        ExecutorService clients = Executors.newFixedThreadPool(48);
        AtomicInteger sent = new AtomicInteger();
        // Fewer requests than places: the burst never fills the slot, so the refill below always has places to
        // prove that what the dead instance held comes back (with admission that loses no place, 500 requests
        // for 400 places could take every one of them in the burst).
        int requests = CAPACITY * 9 / 10;
        for (int i = 0; i < requests; i++) {
            int instance = i % 2;
            // Many firms, so the per-firm quota never decides; one truck each.
            String firm = PackagedService.firm(String.format("01%08d", i));
            clients.submit(() -> {
                long at = System.nanoTime();
                sent.incrementAndGet();
                try {
                    answers.add(service.declare(instance, firm, Fixtures.declaration(GATE, "IMPORT", slot),
                            UUID.randomUUID().toString(), Duration.ofSeconds(30)), at);
                } catch (Exception e) {
                    answers.noAnswer(at, e);
                }
            });
        }
        while (sent.get() < requests / 4) {
            Thread.sleep(5);
        }
        service.kill(0);
        long killedAt = System.nanoTime();
        clients.shutdown();
        assertTrue(clients.awaitTermination(120, TimeUnit.SECONDS));

        long rowsOfAnswers = 0;
        for (String id : answers.createdIds()) {
            rowsOfAnswers += service.queryLong("SELECT count(*) FROM declarations WHERE id = ?::uuid", id);
        }
        long rowsAfterBurst = service.activeRows(GATE, "IMPORT", slot);
        boolean healed = Eventually.within(Duration.ofSeconds(30), () ->
                service.redis().used(GATE, slot.toLocalDate(), "IMPORT:1400") == service.activeRows(GATE, "IMPORT", slot));
        long healedMs = (System.nanoTime() - killedAt) / 1_000_000;
        // Fill what is left through the survivor: every place comes back, none more.
        int filled = 0;
        for (int i = 0; i < CAPACITY; i++) {
            int status = service.declare(1, PackagedService.firm(String.format("02%08d", i)),
                    Fixtures.declaration(GATE, "IMPORT", slot)).statusCode();
            if (status != 201) {
                assertEquals(409, status, "once the slot is full, it says so");
                break;
            }
            filled++;
        }
        long finalRows = service.activeRows(GATE, "IMPORT", slot);
        System.out.printf("FIGURE killed-instance: requests=%d answers=%s created=%d rows_of_201=%d rows_after_burst=%d "
                        + "over_capacity=%d healed=%s in_ms=%d filled_after=%d final_rows=%d capacity=%d%n",
                requests, answers.byStatus(), answers.count(201), rowsOfAnswers, rowsAfterBurst,
                Math.max(0, finalRows - CAPACITY), healed, healedMs, filled, finalRows, CAPACITY);

        assertEquals(answers.count(201), rowsOfAnswers, "every 201 has its row");
        assertTrue(rowsAfterBurst <= CAPACITY, "never over capacity");
        assertTrue(healed, "claims left by the dead instance are healed");
        assertTrue(rowsAfterBurst < CAPACITY, "places were left after the burst (else the refill proves nothing)");
        assertEquals(CAPACITY, finalRows, "every place can be booked again, and no more");
    }
}
