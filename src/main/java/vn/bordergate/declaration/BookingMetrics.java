package vn.bordergate.declaration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.ProblemException;
import vn.bordergate.gate.GateCatalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts booking answers by gate and outcome ({@code bordergate_bookings_total}): accepted, or the refusal
 * firms see (slot-full, quota-exceeded, vehicle-already-booked, unavailable, invalid).
 */
@ApplicationScoped
class BookingMetrics {

    private final MeterRegistry registry;
    private final GateCatalog gates;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public BookingMetrics(MeterRegistry registry, GateCatalog gates) {
        this.registry = registry;
        this.gates = gates;
    }

    public void accepted(String gate) {
        count(gate, "accepted");
    }

    public void refused(String gate, Throwable why) {
        count(gate, outcome(why));
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
