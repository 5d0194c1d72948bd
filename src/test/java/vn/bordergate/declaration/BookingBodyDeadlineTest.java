package vn.bordergate.declaration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every spelling of a booking path gets the body deadline (the 408 itself: AttackSurfaceTest). */
class BookingBodyDeadlineTest {

    @Test
    void everySpellingOfTheBookingPathIsCovered() {
        for (String path : new String[]{"/api/v1/declarations", "/api/v1/declarations/", "//api/v1/declarations",
                "/api/v1//declarations", "/api/v1/declarations/batch", "/api/v1/declarations//batch/"}) {
            assertTrue(BookingBodyDeadline.isBooking(path), path);
        }
        assertFalse(BookingBodyDeadline.isBooking("/api/v1/declarations/123/cancel"));
        assertFalse(BookingBodyDeadline.isBooking("/api/v1/webhooks"));
    }
}
