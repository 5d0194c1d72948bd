package vn.bordergate.slot;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Burst;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Api;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
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

        assertEquals(40, Burst.count(answers, 201), () -> "statuses: " + Burst.byStatus(answers));
        assertEquals(460, Burst.count(answers, 409), () -> "statuses: " + Burst.byStatus(answers));
        answers.stream().filter(a -> a.status() == 409).forEach(a -> {
            JsonObject problem = new JsonObject(a.body());
            assertTrue(problem.getString("type").endsWith("/problems/slot-full"), a.body());
            assertFalse(problem.getJsonArray("alternatives").isEmpty(), "a full slot names other slots: " + a.body());
        });
        assertEquals(40, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot));
        assertEquals(0, Api.available("TAN_THANH", "IMPORT", slot));
        System.out.printf("stampede: 500 bookings for 40 places answered in %d ms%n", millis);
    }

    @Test
    void redisLosingItsStateMidBurstStillAdmitsExactlyTheCapacity() throws Exception {
        OffsetDateTime slot = Fixtures.slot(2, 9);
        SlotCapacityFixture.setCapacity(redis, "TAN_THANH", "IMPORT", slot, 40);
        List<String> firms = firms(10);

        List<Burst.Answer> first = Burst.declareAll(firms, bodies("TAN_THANH", "IMPORT", slot, 15));
        assertEquals(15, Burst.count(first, 201));

        // Redis is flushed while the next burst is in flight: counters must be rebuilt from PostgreSQL.
        CompletableFuture<List<Burst.Answer>> burst = CompletableFuture.supplyAsync(
                () -> Burst.declareAll(firms, bodies("TAN_THANH", "IMPORT", slot, 300)));
        Thread.sleep(40);
        redis.flushall();
        List<Burst.Answer> second = burst.get();

        assertEquals(25, Burst.count(second, 201), () -> "statuses: " + Burst.byStatus(second));
        assertEquals(300, Burst.count(second, 201) + Burst.count(second, 409), () -> "statuses: " + Burst.byStatus(second));
        assertEquals(40, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot));
        assertEquals(0, Api.available("TAN_THANH", "IMPORT", slot));
    }
}
