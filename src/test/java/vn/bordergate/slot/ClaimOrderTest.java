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
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A booking whose claim timed out gives it back, and the claim may still be on its way to Redis: the two can
 * reach the ledger in either order. In both orders nothing stays counted (no place, no quota unit, no truck),
 * at once, without waiting for the ledger check to heal it.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class ClaimOrderTest {

    static final String GATE = "KIM_THANH";

    @Inject
    SlotLedger ledger;

    @Test
    void aGiveBackThatOvertakesItsLateClaimLeavesNothingCounted() {
        OffsetDateTime start = Fixtures.slot(3, 10);
        LedgerKey key = new LedgerKey(GATE, start.toLocalDate());
        int free = Api.available(GATE, "IMPORT", start);
        Holding truck = holding(start, "29C77701");
        UUID attempt = UUID.randomUUID();

        // The request gave up: its give-back arrives first and finds nothing to give back...
        ledger.giveBack(key, truck, null, attempt).await().indefinitely();
        // ...then its claim, which had been held up on the way, arrives.
        Claim late = ledger.claim(key, truck, 300, Claim.Purpose.NEW_BOOKING, attempt).await().indefinitely();

        assertEquals(Claim.Outcome.WITHDRAWN, late.outcome(), "the late claim refuses itself");
        assertEquals(free, Api.available(GATE, "IMPORT", start), "no place held by a request that is gone");
        assertFalse(ledger.truckMayHoldTheDay(key, truck.plateKey()).await().indefinitely(),
                "the truck holds nothing that day: it can be booked again at once");
        Claim again = ledger.claim(key, truck, 300, Claim.Purpose.NEW_BOOKING, UUID.randomUUID()).await().indefinitely();
        assertEquals(Claim.Outcome.ADMITTED, again.outcome(), "a new attempt of the same booking is not refused");
        ledger.giveBack(key, truck, null, null).await().indefinitely();
    }

    @Test
    void aGiveBackAfterItsClaimLandedGivesThePlaceBack() {
        OffsetDateTime start = Fixtures.slot(3, 11);
        LedgerKey key = new LedgerKey(GATE, start.toLocalDate());
        int free = Api.available(GATE, "IMPORT", start);
        Holding truck = holding(start, "29C77702");
        UUID attempt = UUID.randomUUID();

        Claim landed = ledger.claim(key, truck, 300, Claim.Purpose.NEW_BOOKING, attempt).await().indefinitely();
        assertEquals(Claim.Outcome.ADMITTED, landed.outcome());
        assertEquals(free - 1, Api.available(GATE, "IMPORT", start));
        ledger.giveBack(key, truck, null, attempt).await().indefinitely();

        assertEquals(free, Api.available(GATE, "IMPORT", start), "the place is back at once");
        assertFalse(ledger.truckMayHoldTheDay(key, truck.plateKey()).await().indefinitely());
    }

    static Holding holding(OffsetDateTime start, String plateKey) {
        return new Holding(UUID.randomUUID(), Direction.IMPORT, new Slot(start, start.plusHours(1)), "0100109106-777",
                plateKey);
    }
}
