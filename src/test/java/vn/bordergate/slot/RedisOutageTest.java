package vn.bordergate.slot;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Burst;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Api;
import vn.bordergate.support.Fixtures;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With Redis down, bookings are decided in PostgreSQL and stay exact; when it returns, nothing is overbooked. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class RedisOutageTest {

    @Inject
    RedisDataSource redis;

    @Test
    void bookingsStayExactWhileRedisIsDownAndAfterItReturns() {
        OffsetDateTime slot = Fixtures.slot(2, 10);
        SlotCapacityFixture.setCapacity(redis, "TAN_THANH", "IMPORT", slot, 30);
        List<String> firms = StampedeTest.firms(5);
        assertEquals(10, Burst.count(Burst.declareAll(firms, StampedeTest.bodies("TAN_THANH", "IMPORT", slot, 10)), 201));

        EmbeddedServices.infrastructure().stopRedis();
        List<Burst.Answer> during;
        try {
            during = Burst.declareAll(firms, StampedeTest.bodies("TAN_THANH", "IMPORT", slot, 40));
        } finally {
            EmbeddedServices.infrastructure().startRedis();
        }
        long accepted = Burst.count(during, 201);
        // Decided under a PostgreSQL lock: bookings go on (some may get 503 + Retry-After), none overbooked.
        assertTrue(accepted > 0, () -> "statuses: " + Burst.byStatus(during));
        assertTrue(accepted <= 20, () -> "statuses: " + Burst.byStatus(during));
        assertEquals(40, accepted + Burst.count(during, 409) + Burst.count(during, 503), () -> "statuses: " + Burst.byStatus(during));
        assertEquals(10 + accepted, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot));

        // Redis is back, empty: the ledger is rebuilt from PostgreSQL and fills exactly the rest.
        List<Burst.Answer> after = Burst.declareAll(firms, StampedeTest.bodies("TAN_THANH", "IMPORT", slot, 40));
        assertEquals(20 - accepted, Burst.count(after, 201), () -> "statuses: " + Burst.byStatus(after));
        assertEquals(30, SlotCapacityFixture.activeRows("TAN_THANH", "IMPORT", slot));
        assertEquals(0, Api.available("TAN_THANH", "IMPORT", slot));
    }
}
