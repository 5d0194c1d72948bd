package vn.bordergate.declaration;

import org.junit.jupiter.api.Test;
import vn.bordergate.common.UnverifiedClaims;
import vn.bordergate.slot.AdmissionConfig;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Past its bound, an instance refuses a booking at once (429 + Retry-After) instead of queueing it. */
class BookingConcurrencyLimitTest {

    static AdmissionConfig bound(int max, int perFirm) {
        return (AdmissionConfig) Proxy.newProxyInstance(AdmissionConfig.class.getClassLoader(), new Class<?>[]{AdmissionConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxBookingsInFlight" -> max;
                    case "maxBookingsInFlightPerFirm" -> perFirm;
                    case "retryAfterSeconds" -> 2;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theBookingPastTheBoundIsRefusedAndAFinishedOneFreesItsPlace() {
        BookingConcurrencyLimit limit = new BookingConcurrencyLimit(bound(2, 2));
        assertTrue(limit.tryEnter("A"));
        assertTrue(limit.tryEnter("B"));
        assertFalse(limit.tryEnter("C"), "two bookings are in progress: the third is refused at once");
        assertEquals(2, limit.inFlight(), "a refused booking takes no place");
        limit.leave("A");
        assertTrue(limit.tryEnter("C"), "a finished booking frees its place");
    }

    @Test
    void oneFirmCannotTakeEveryPlace() {
        BookingConcurrencyLimit limit = new BookingConcurrencyLimit(bound(4, 2));
        assertTrue(limit.tryEnter("0100109106"));
        assertTrue(limit.tryEnter("0100109106"));
        assertFalse(limit.tryEnter("0100109106"), "the firm holds its share");
        assertEquals(2, limit.inFlight(), "its refusal takes no place");
        assertTrue(limit.tryEnter("0300588569"), "another firm still gets in");
        limit.leave("0100109106");
        assertTrue(limit.tryEnter("0100109106"), "a finished booking gives the firm its place back");
    }

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
    void theFirmIsReadFromTheTokenOnlyToShareThePlaces() {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"tax_code\":\"0100109106\",\"groups\":[\"enterprise\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals("0100109106", BookingConcurrencyLimit.firmOf(UnverifiedClaims.parse("Bearer eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln")));
        assertEquals("", BookingConcurrencyLimit.firmOf(UnverifiedClaims.parse("Bearer not-a-token")));
        assertEquals("", BookingConcurrencyLimit.firmOf(UnverifiedClaims.parse(null)));
    }

    @Test
    void theRefusalTellsWhenToRetry() {
        var refusal = BookingConcurrencyLimit.tooMany(2);
        assertEquals(429, refusal.status());
        assertEquals("too-many-requests", refusal.type());
        assertEquals(2, refusal.retryAfterSeconds());
    }
}
