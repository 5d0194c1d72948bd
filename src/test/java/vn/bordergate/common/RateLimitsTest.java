package vn.bordergate.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each client has a request budget: a burst, refilled over time; past it, 429 with when to retry. */
class RateLimitsTest {

    static final long SECOND = 1_000_000_000L;
    final RateLimits limits = new RateLimits(3, 1, 5, 5);
    final RateLimits.Budget budget = new RateLimits.Budget(3, 1);

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
        limits.forgetIdle(10 * SECOND);
        assertEquals(0, limits.clients(), "refilled buckets are dropped: nothing grows with idle clients");
    }

    @Test
    void aBudgetThatWouldMakeAClientWaitMoreThanADayIsRefusedAtStartUp() {
        // RateLimit-Reset is documented as at most 86,400 s; such a budget would break that promise.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new RateLimits(100_000, 1, 5, 5));
        assertTrue(refused.getMessage().startsWith("bordergate.rate-limit:"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(3, 1, 5, 0));
        assertDoesNotThrow(() -> new RateLimits(86_400, 1, 5, 5), "a budget refilling in exactly a day is accepted");
    }
}
