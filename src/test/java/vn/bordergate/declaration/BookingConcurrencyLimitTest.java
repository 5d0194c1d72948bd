package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;
import vn.bordergate.common.ProblemException;
import vn.bordergate.slot.AdmissionConfig;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void aBookingHoldsItsPlaceUntilItsWorkEndsEvenWhenItsClientLeaves() {
        BookingConcurrencyLimit limit = new BookingConcurrencyLimit(bound(1, 1));
        CompletableFuture<String> work = new CompletableFuture<>();
        Cancellable client = limit.runToEnd("A", () -> Uni.createFrom().completionStage(work))
                .subscribe().with(done -> { }, failed -> { });
        assertEquals(1, limit.inFlight());
        client.cancel();
        assertEquals(1, limit.inFlight(), "the booking goes on without its client, and keeps its place");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> limit.runToEnd("B", () -> Uni.createFrom().item("booked")).await().indefinitely());
        assertEquals(429, refused.status());
        work.complete("booked");
        assertEquals(0, limit.inFlight(), "its end frees the place");
        assertEquals("booked", limit.runToEnd("B", () -> Uni.createFrom().item("booked")).await().indefinitely());
        assertEquals(0, limit.inFlight());
    }

    @Test
    void aFailedBookingFreesItsPlaceToo() {
        BookingConcurrencyLimit limit = new BookingConcurrencyLimit(bound(1, 1));
        assertThrows(IllegalStateException.class, () -> limit.runToEnd("A",
                () -> Uni.createFrom().failure(new IllegalStateException("refused"))).await().indefinitely());
        assertEquals(0, limit.inFlight());
    }

    @Test
    void theRefusalTellsWhenToRetry() {
        var refusal = BookingConcurrencyLimit.tooMany(2);
        assertEquals(429, refusal.status());
        assertEquals("too-many-requests", refusal.type());
        assertEquals(2, refusal.retryAfterSeconds());
    }
}
