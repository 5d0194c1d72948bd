package vn.bordergate.slot;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Burst;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Api;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many firms' systems book the same slot at the same second: exactly the capacity is accepted. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class StampedeTest {

    @Inject
    RedisDataSource redis;

    static List<String> firms(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> Tokens.enterprise(String.format("0100109106-%03d", i))).toList();
    }

    static List<String> bodies(String gate, String direction, OffsetDateTime slot, int n) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(new JsonObject(Fixtures.declaration(gate, direction, slot)).encode());
        }
        return bodies;
    }

    @Test
    void fiveHundredSimultaneousBookingsForFortyPlaces() {
        OffsetDateTime slot = Fixtures.slot(2, 8);
        SlotCapacityFixture.setCapacity(redis, "TAN_THANH", "IMPORT", slot, 40);

        long started = System.nanoTime();
        List<Burst.Answer> answers = Burst.declareAll(firms(10), bodies("TAN_THANH", "IMPORT", slot, 500));
        long millis = (System.nanoTime() - started) / 1_000_000;

        // The production bounds: 128 bookings run, the rest wait their turn; one whose wait would pass the
        // deadline on a busy machine is told 429 with Retry-After, never a false "slot full" and never a 5xx.
        assertEquals(40, Burst.count(answers, 201), () -> "statuses: " + Burst.byStatus(answers));
        assertEquals(460, Burst.count(answers, 409) + Burst.count(answers, 429), () -> "statuses: " + Burst.byStatus(answers));
        answers.stream().filter(a -> a.status() == 409).forEach(a -> {
            JsonObject problem = new JsonObject(a.body());
            assertTrue(problem.getString("type").endsWith("/problems/slot-full"), a.body());
            assertFalse(problem.getJsonArray("alternatives").isEmpty(), "a full slot names other slots: " + a.body());
        });
        answers.stream().filter(a -> a.status() == 429).forEach(a ->
                assertTrue(new JsonObject(a.body()).getString("type").endsWith("/problems/too-many-requests"), a.body()));
        assertEquals(40, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot));
        assertEquals(0, Api.available("TAN_THANH", "IMPORT", slot));
        System.out.printf("FIGURE stampede-test: 500 bookings for 40 places answered in %d ms: %s%n", millis,
                Burst.byStatus(answers));
    }

    /**
     * Redis is flushed while bookings it admitted are on their way to PostgreSQL, and more bookings arrive
     * after it: the ledger is rebuilt from PostgreSQL under a new epoch, the bookings admitted by the lost
     * ledger are fenced out and claim again, and exactly the capacity is booked. The test makes that moment
     * happen rather than hoping a sleep lands in it: it holds the declarations table (reads go on, writes
     * wait), so the admitted bookings are in flight for as long as it needs.
     */
    @Test
    void redisLosingItsStateMidBurstStillAdmitsExactlyTheCapacity() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 9);
        LocalDate day = slot.toLocalDate();
        SlotCapacityFixture.setCapacity(redis, "TAN_THANH", "IMPORT", slot, 40);
        List<String> firms = firms(10);
        List<Burst.Answer> first = Burst.declareAll(firms, bodies("TAN_THANH", "IMPORT", slot, 15));
        assertEquals(15, Burst.count(first, 201));
        String epochBefore = epochInPostgres(day);

        CompletableFuture<List<Burst.Answer>> inFlight;
        CompletableFuture<List<Burst.Answer>> afterTheFlush;
        try (Database.Held writesWait = Database.hold("LOCK TABLE declarations IN SHARE MODE")) {
            inFlight = CompletableFuture.supplyAsync(() -> Burst.declareAll(firms, bodies("TAN_THANH", "IMPORT", slot, 10)));
            // Admitted by the ledger, and held at the write: in PostgreSQL, or queued behind the group being written.
            await("ten admitted bookings waiting to be written").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).until(() -> usedInRedis(day, slot) == 25 && waitingToBeWritten() > 0);

            redis.flushall();
            afterTheFlush = CompletableFuture.supplyAsync(() -> Burst.declareAll(firms, bodies("TAN_THANH", "IMPORT", slot, 60)));
            await("the ledger rebuilt from PostgreSQL after the flush").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).until(() -> !epochBefore.equals(epochInPostgres(day)));

            assertFalse(inFlight.isDone(), "the rebuild happened while the admitted bookings were still in flight");
            assertEquals(15, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot), "none of them was written");
        }
        List<Burst.Answer> answers = new ArrayList<>(inFlight.get(2, TimeUnit.MINUTES));
        answers.addAll(afterTheFlush.get(2, TimeUnit.MINUTES));

        assertEquals(Map.of(201, 25L, 409, 45L), Burst.byStatus(answers), "exactly the 25 places left are booked");
        answers.stream().filter(a -> a.status() == 409).forEach(a ->
                assertTrue(new JsonObject(a.body()).getString("type").endsWith("/problems/slot-full"), a.body()));
        assertEquals(40, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot), "never over capacity");
        assertEquals(0, Api.available("TAN_THANH", "IMPORT", slot));
        assertTrue(redis.value(String.class).get(ledgerKey(day, "epoch")).startsWith(epochInPostgres(day) + "@"),
                "Redis admits from the ledger PostgreSQL last counted");
        assertEquals(40, usedInRedis(day, slot), "and that ledger counts every booking");
    }

    static String ledgerKey(LocalDate day, String part) {
        return "bg:{TAN_THANH:" + day + "}:" + part;
    }

    long usedInRedis(LocalDate day, OffsetDateTime slot) {
        String used = redis.hash(String.class).hget(ledgerKey(day, "used"), "IMPORT:" + slot.format(DateTimeFormatter.ofPattern("HHmm")));
        return used == null ? 0 : Long.parseLong(used);
    }

    static String epochInPostgres(LocalDate day) {
        return Database.text("SELECT epoch FROM ledger_epochs WHERE gate_code = 'TAN_THANH' AND day = ?", day);
    }

    /** Statements waiting for the declarations table the test holds: bookings admitted but not yet written. */
    static long waitingToBeWritten() {
        return Database.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'declarations'::regclass");
    }
}
