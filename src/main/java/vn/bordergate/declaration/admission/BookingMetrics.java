package vn.bordergate.declaration.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.gate.GateCatalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts booking answers by gate and outcome ({@code bordergate_bookings_total}): accepted, or the refusal
 * firms see (slot-full, quota-exceeded, vehicle-already-booked, unavailable, invalid).
 */
@ApplicationScoped
public class BookingMetrics {

    private final MeterRegistry registry;
    private final GateCatalog gates;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong lastUnavailableLogged = new AtomicLong(System.nanoTime() - 2_000_000_000L);

    public BookingMetrics(MeterRegistry registry, GateCatalog gates, BookingStatements declarations,
                          BookingConcurrencyLimit limit) {
        this.registry = registry;
        this.gates = gates;
        // What the autoscaler watches: an instance near its bound refuses with 429.
        Gauge.builder("bordergate.bookings.in.flight", limit, BookingConcurrencyLimit::inFlight)
                .description("Booking requests this instance is working on (429 past bordergate.admission.max-bookings-in-flight)")
                .register(registry);
        // The line behind them: bookings that wait for a place, answered 429 when their wait would be too long.
        Gauge.builder("bordergate.bookings.queued", limit, BookingConcurrencyLimit::queued)
                .description("Booking requests waiting their turn on this instance").register(registry);
        // How much the load grouped booking writes: writes that went with others, and those groups.
        FunctionCounter.builder("bordergate.booking.writes.grouped", declarations, d -> d.groupedBookingWrites()[0])
                .description("Bookings written together with others in one transaction").register(registry);
        FunctionCounter.builder("bordergate.booking.write.groups", declarations, d -> d.groupedBookingWrites()[1])
                .description("Transactions that wrote more than one booking").register(registry);
    }

    public void accepted(String gate) {
        count(gate, "accepted");
    }

    public void refused(String gate, Throwable why) {
        String outcome = outcome(why);
        count(gate, outcome);
        // A 503 means firms retry a booking the service could not decide: worth a line, but at most one
        // a second, so a burst of them cannot flood the log.
        if ("unavailable".equals(outcome)) {
            long now = System.nanoTime();
            long last = lastUnavailableLogged.get();
            if (now - last > 1_000_000_000L && lastUnavailableLogged.compareAndSet(last, now)) {
                Log.warnf("booking at %s answered 503: %s", gate, ((ProblemException) why).detail());
            }
        }
    }

    static String outcome(Throwable why) {
        if (why instanceof ProblemException problem) {
            return switch (problem.type()) {
                case "slot-full", "quota-exceeded", "vehicle-already-booked", "unavailable" -> problem.type();
                case "validation", "malformed-json" -> "invalid";
                default -> "other";
            };
        }
        return "error";
    }

    private void count(String gate, String outcome) {
        // Labels come from a closed set: a gate code a client made up is "unknown", never a new series.
        String gateTag = gates.isKnown(gate) ? gate : "unknown";
        counters.computeIfAbsent(gateTag + "|" + outcome, key -> Counter.builder("bordergate.bookings")
                .description("Booking answers by gate and outcome")
                .tag("gate", gateTag).tag("outcome", outcome)
                .register(registry)).increment();
    }
}
