package vn.bordergate.declaration.change;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With Redis away, an amendment follows the booking's policy (ARCHITECTURE.md, "What if Redis is down"):
 * decided in PostgreSQL under the gate-day locks, exact, and counted by the ledger once Redis is back.
 * Before, it answered 503 "slot changes are paused" for as long as Redis was away.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class AmendmentWithoutRedisTest {

    @Inject
    RedisDataSource redis;

    @Test
    void aMoveIsDecidedInPostgresqlAndTheLedgerAgreesAfterwards() {
        OffsetDateTime from = Fixtures.slot(3, 13);
        OffsetDateTime to = Fixtures.slot(3, 14);
        OffsetDateTime full = Fixtures.slot(3, 15);
        Database.update("INSERT INTO slot_capacities (gate_code, direction, slot_start, capacity) VALUES ('CHI_MA', 'IMPORT', ?, 1)", full);
        redis.key().del("bg:{CHI_MA:" + full.toLocalDate() + "}:epoch");
        AmendmentTest.book("CHI_MA", "IMPORT", full, Fixtures.newPlate());
        String id = AmendmentTest.book("CHI_MA", "IMPORT", from, Fixtures.newPlate());
        String other = AmendmentTest.book("CHI_MA", "IMPORT", from, Fixtures.newPlate());
        int fromAvailable = Api.available("CHI_MA", "IMPORT", from);
        int toAvailable = Api.available("CHI_MA", "IMPORT", to);

        EmbeddedServices.infrastructure().stopRedis();
        try {
            AmendmentTest.patch(id, 1, Map.of("slotStart", Fixtures.iso(to))).then().statusCode(200)
                    .body("slot.start", equalTo(Fixtures.iso(to)));
            // A full slot is still full: counted from the table under the lock.
            AmendmentTest.patch(other, 1, Map.of("slotStart", Fixtures.iso(full))).then().statusCode(409)
                    .body("type", endsWith("/problems/slot-full"));
        } finally {
            EmbeddedServices.infrastructure().startRedis();
        }

        // Redis is back: the ledgers of the day were given new epochs, so they are recounted from PostgreSQL.
        assertEquals(fromAvailable + 1, Api.available("CHI_MA", "IMPORT", from));
        assertEquals(toAvailable - 1, Api.available("CHI_MA", "IMPORT", to));
        assertEquals(0, Api.available("CHI_MA", "IMPORT", full));
    }
}
