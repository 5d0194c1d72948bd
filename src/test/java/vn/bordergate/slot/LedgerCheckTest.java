package vn.bordergate.slot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.bordergate.gate.Direction;
import vn.bordergate.support.Api;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A place claimed in Redis whose booking was never written (the instance died) is given back by the ledger check. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class LedgerCheckTest {

    @Inject
    SlotLedger ledger;

    @Inject
    LedgerKeeper keeper;

    @Test
    void aLeakedClaimIsHealedAfterTwoChecksThatSeeTheSameDifference() {
        OffsetDateTime start = Fixtures.slot(3, 9);
        Slot slot = new Slot(start, start.plusHours(1));
        int free = Api.available("KIM_THANH", "IMPORT", start);
        LedgerKey key = new LedgerKey("KIM_THANH", start.toLocalDate());

        Claim leaked = ledger.claim(key, new Holding(UUID.randomUUID(), Direction.IMPORT, slot, "0100109106-888", "29C99999"), 300,
                        Claim.Purpose.NEW_BOOKING, UUID.randomUUID())
                .await().indefinitely();
        assertEquals(Claim.Outcome.ADMITTED, leaked.outcome());
        assertEquals(free - 1, Api.available("KIM_THANH", "IMPORT", start), "Redis counts a place no row holds");

        keeper.rebuildStale().await().indefinitely(); // first sight of the difference: wait, it may be in flight
        assertEquals(free - 1, Api.available("KIM_THANH", "IMPORT", start));
        keeper.rebuildStale().await().indefinitely(); // the same difference again: rebuilt from PostgreSQL

        assertEquals(free, Api.available("KIM_THANH", "IMPORT", start));
    }
}
