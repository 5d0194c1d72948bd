package vn.bordergate.declaration;

import org.junit.jupiter.api.Test;
import vn.bordergate.slot.AdmissionConfig;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Past its bound, an instance refuses a booking at once (429 + Retry-After) instead of queueing it. */
class BookingGateTest {

    static AdmissionConfig bound(int max) {
        return (AdmissionConfig) Proxy.newProxyInstance(AdmissionConfig.class.getClassLoader(), new Class<?>[]{AdmissionConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxBookingsInFlight" -> max;
                    case "retryAfterSeconds" -> 2;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theBookingPastTheBoundIsRefusedAndAFinishedOneFreesItsPlace() {
        BookingGate gate = new BookingGate(bound(2));
        assertTrue(gate.tryEnter());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter(), "two bookings are in progress: the third is refused at once");
        assertEquals(2, gate.inFlight(), "a refused booking takes no place");
        gate.leave();
        assertTrue(gate.tryEnter(), "a finished booking frees its place");
    }

    @Test
    void theRefusalTellsWhenToRetry() {
        var refusal = BookingGate.tooMany(2);
        assertEquals(429, refusal.status());
        assertEquals("too-many-requests", refusal.type());
        assertEquals(2, refusal.retryAfterSeconds());
    }
}
