package vn.bordergate.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each client has a request budget: a burst, refilled over time; past it, 429 with when to retry. Who a
 * client is (a verified subject, else an address) is RequestBudgetIT's part.
 */
class RateLimitsTest {

    static final long SECOND = 1_000_000_000L;
    long now;
    final RateLimits.Budget budget = new RateLimits.Budget(3, 1);
    final RateLimits limits = limits(RateLimits.MAX_CLIENTS);

    RateLimits limits(int maxClients) {
        return new RateLimits(budget, new RateLimits.Budget(5, 5), maxClients, () -> now, null);
    }

    @Test
    void aBurstIsServedThenRefusedUntilTheBucketRefills() {
        assertEquals(2, limits.take("sub:firm", budget, 0).remaining());
        assertTrue(limits.take("sub:firm", budget, 0).allowed());
        assertTrue(limits.take("sub:firm", budget, 0).allowed());
        RateLimits.Decision refused = limits.take("sub:firm", budget, 0);
        assertFalse(refused.allowed(), "the fourth request at once is over the burst of 3");
        assertEquals(1, refused.retryAfterSeconds(), "one request comes back per second");
        assertEquals(3, refused.resetSeconds(), "the bucket is full again in 3 s");
        assertTrue(limits.take("sub:firm", budget, SECOND).allowed(), "a second later one more is allowed");
    }

    @Test
    void clientsHaveTheirOwnBudgetsAndFullIdleOnesAreForgotten() {
        for (int i = 0; i < 3; i++) {
            limits.take("sub:a", budget, 0);
        }
        assertFalse(limits.take("sub:a", budget, 0).allowed());
        assertTrue(limits.take("sub:b", budget, 0).allowed(), "another client is not affected");
        assertEquals(2, limits.clients());
        now = 10 * SECOND;
        assertEquals(0, limits.clients(), "refilled buckets are dropped: nothing grows with idle clients");
    }

    @Test
    void aFullTableNeverPutsANewClientInABucketSharedWithOthers() {
        RateLimits small = limits(100);
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < 3; j++) {
                small.take("ip:10.0.0." + i, budget, 0);
            }
        }
        assertTrue(small.clients() <= 100, "the table is bounded: " + small.clients());
        RateLimits.Decision newcomer = small.take("sub:newcomer", budget, 0);
        assertTrue(newcomer.allowed(), "a new client has a budget of its own, whoever else is busy");
        assertEquals(2, newcomer.remaining());
    }

    @Test
    void aBudgetThatWouldMakeAClientWaitMoreThanADayIsRefusedAtStartUp() {
        // RateLimit-Reset is documented as at most 86,400 s; such a budget would break that promise.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new RateLimits(new RateLimits.Budget(100_000, 1), new RateLimits.Budget(5, 5), 10, () -> 0, null));
        assertTrue(refused.getMessage().startsWith("bordergate.rate-limit:"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimits(budget, new RateLimits.Budget(5, 0), 10, () -> 0, null));
        assertDoesNotThrow(() -> new RateLimits(new RateLimits.Budget(86_400, 1), new RateLimits.Budget(5, 5), 10, () -> 0, null),
                "a budget refilling in exactly a day is accepted");
    }
}
