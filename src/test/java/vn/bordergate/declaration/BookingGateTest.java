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
class BookingGateTest {

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
        BookingGate gate = new BookingGate(bound(2, 2));
        assertTrue(gate.tryEnter("A"));
        assertTrue(gate.tryEnter("B"));
        assertFalse(gate.tryEnter("C"), "two bookings are in progress: the third is refused at once");
        assertEquals(2, gate.inFlight(), "a refused booking takes no place");
        gate.leave("A");
        assertTrue(gate.tryEnter("C"), "a finished booking frees its place");
    }

    @Test
    void oneFirmCannotTakeEveryPlace() {
        BookingGate gate = new BookingGate(bound(4, 2));
        assertTrue(gate.tryEnter("0100109106"));
        assertTrue(gate.tryEnter("0100109106"));
        assertFalse(gate.tryEnter("0100109106"), "the firm holds its share");
        assertEquals(2, gate.inFlight(), "its refusal takes no place");
        assertTrue(gate.tryEnter("0300588569"), "another firm still gets in");
        gate.leave("0100109106");
        assertTrue(gate.tryEnter("0100109106"), "a finished booking gives the firm its place back");
    }

    @Test
    void everySpellingOfTheBookingPathIsBounded() {
        for (String path : new String[]{"/api/v1/declarations", "/api/v1/declarations/", "//api/v1/declarations",
                "/api/v1//declarations", "/api/v1/declarations/batch", "/api/v1/declarations//batch/"}) {
            assertTrue(BookingGate.isBooking(path), path);
        }
        assertFalse(BookingGate.isBooking("/api/v1/declarations/123/cancel"));
        assertFalse(BookingGate.isBooking("/api/v1/webhooks"));
    }

    @Test
    void theFirmIsReadFromTheTokenOnlyToShareThePlaces() {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"tax_code\":\"0100109106\",\"groups\":[\"enterprise\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals("0100109106", BookingGate.firmOf(UnverifiedClaims.parse("Bearer eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln")));
        assertEquals("", BookingGate.firmOf(UnverifiedClaims.parse("Bearer not-a-token")));
        assertEquals("", BookingGate.firmOf(UnverifiedClaims.parse(null)));
    }

    @Test
    void theRefusalTellsWhenToRetry() {
        var refusal = BookingGate.tooMany(2);
        assertEquals(429, refusal.status());
        assertEquals("too-many-requests", refusal.type());
        assertEquals(2, refusal.retryAfterSeconds());
    }
}
