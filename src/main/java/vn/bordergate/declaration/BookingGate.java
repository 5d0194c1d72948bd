package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.ProblemException;
import vn.bordergate.slot.AdmissionConfig;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the bookings one instance works on at once. When a booking day opens, thousands of firms' systems
 * submit in the same second; queueing them all would only make every answer late and exhaust memory, so
 * past the bound a booking is refused at once with 429 and Retry-After, and the firm's system retries.
 */
@ApplicationScoped
public class BookingGate {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AdmissionConfig config;

    public BookingGate(AdmissionConfig config) {
        this.config = config;
    }

    public <T> Uni<T> admit(Supplier<Uni<T>> booking) {
        return Uni.createFrom().deferred(() -> {
            if (inFlight.incrementAndGet() > config.maxBookingsInFlight()) {
                inFlight.decrementAndGet();
                return Uni.createFrom().failure(tooMany(config.retryAfterSeconds()));
            }
            return booking.get().onTermination().invoke(inFlight::decrementAndGet);
        });
    }

    public int inFlight() {
        return inFlight.get();
    }

    static ProblemException tooMany(int retryAfterSeconds) {
        return new ProblemException(429, "too-many-requests", "Too many bookings at once",
                "this instance is at its limit of bookings in progress; retry after " + retryAfterSeconds + " s")
                .retryAfter(retryAfterSeconds);
    }
}
