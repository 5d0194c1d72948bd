package vn.bordergate.declaration.admission;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which requests the booking bound applies to, whose share it counts them in, and what its refusal says (the line itself: AdmissionQueueTest). */
class BookingConcurrencyLimitTest {

    @Test
    void everySpellingOfTheBookingPathIsBounded() {
        for (String path : new String[]{"/api/v1/declarations", "/api/v1/declarations/", "//api/v1/declarations",
                "/api/v1//declarations", "/api/v1/declarations/batch", "/api/v1/declarations//batch/"}) {
            assertTrue(BookingConcurrencyLimit.isBooking(path), path);
        }
        assertFalse(BookingConcurrencyLimit.isBooking("/api/v1/declarations/123/cancel"));
        assertFalse(BookingConcurrencyLimit.isBooking("/api/v1/webhooks"));
    }

    @Test
    void theRefusalTellsWhenToRetry() {
        var refusal = BookingConcurrencyLimit.tooMany(2);
        assertEquals(429, refusal.status());
        assertEquals("too-many-requests", refusal.type());
        assertEquals(2, refusal.retryAfterSeconds());
    }
}
