package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.ProblemException;
import vn.bordergate.common.RunToEnd;
import vn.bordergate.slot.AdmissionConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the bookings one instance works on at once: those claiming a place in Redis and writing it to
 * PostgreSQL. When a booking day opens, thousands of firms' systems submit in the same second; queueing
 * them all would only make every answer late, so past the bound a booking is refused at once with 429 and
 * Retry-After, and the firm's system retries. One firm holds at most its share of the places, so that one
 * firm's burst cannot take every place from the others.
 * <p>
 * Only bookings that will do that work take a place: a request refused for its fields, or for a slot known
 * to be full ({@link Booking#refuseIfKnownFull}), is answered before it would, so a stampede's losers hear
 * 409 in milliseconds instead of 429. A place is held until the booking's work ends, even when its client
 * has gone ({@link RunToEnd}).
 */
@ApplicationScoped
class BookingConcurrencyLimit {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> inFlightByFirm = new ConcurrentHashMap<>();
    private final AdmissionConfig config;

    BookingConcurrencyLimit(AdmissionConfig config) {
        this.config = config;
    }

    /**
     * Runs {@code booking} holding one of the places, to its end whatever the client does, or refuses it with
     * 429 when there is none for {@code firm}.
     */
    <T> Uni<T> runToEnd(String firm, Supplier<Uni<T>> booking) {
        return Uni.createFrom().deferred(() -> {
            if (!tryEnter(firm)) {
                return Uni.createFrom().failure(tooMany(config.retryAfterSeconds()));
            }
            return RunToEnd.detached(Uni.createFrom().<T>deferred(booking::get).onTermination().invoke(() -> leave(firm)));
        });
    }

    /** Takes a place among the bookings in progress, or says there is none (for all, or for this firm). */
    boolean tryEnter(String firm) {
        if (inFlight.incrementAndGet() > config.maxBookingsInFlight()) {
            inFlight.decrementAndGet();
            return false;
        }
        boolean[] entered = {false};
        inFlightByFirm.compute(firm, (key, count) -> {
            int held = count == null ? 0 : count;
            if (held >= config.maxBookingsInFlightPerFirm()) {
                return count;
            }
            entered[0] = true;
            return held + 1;
        });
        if (!entered[0]) {
            inFlight.decrementAndGet();
        }
        return entered[0];
    }

    void leave(String firm) {
        inFlight.decrementAndGet();
        // Counters at zero are dropped, so firms that come and go leave nothing behind.
        inFlightByFirm.computeIfPresent(firm, (key, count) -> count <= 1 ? null : count - 1);
    }

    int inFlight() {
        return inFlight.get();
    }

    static ProblemException tooMany(int retryAfterSeconds) {
        return new ProblemException(429, "too-many-requests", "Too many bookings at once",
                "this instance is at its limit of bookings in progress; retry after " + retryAfterSeconds + " s")
                .retryAfter(retryAfterSeconds);
    }
}
