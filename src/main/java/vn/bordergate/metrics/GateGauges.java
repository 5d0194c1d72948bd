package vn.bordergate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.slot.LedgerState;
import vn.bordergate.slot.SlotAvailability;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.yard.YardStatements;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges refreshed every 30 s: today's slot fill per gate and direction ({@code bordergate_slot_fill_ratio},
 * places used over capacity) and the yard size ({@code bordergate_yard_size}). Read from the ledger and one
 * grouped query, so scraping costs the service nothing.
 */
@ApplicationScoped
class GateGauges {

    private final MeterRegistry registry;
    private final GateCatalog gates;
    private final SlotAvailability availability;
    private final SlotSchedule schedule;
    private final YardStatements yard;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    public GateGauges(MeterRegistry registry, GateCatalog gates, SlotAvailability availability, SlotSchedule schedule,
                      YardStatements yard) {
        this.registry = registry;
        this.gates = gates;
        this.availability = availability;
        this.schedule = schedule;
        this.yard = yard;
    }

    @Scheduled(every = "30s", delay = 5, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return gates.all()
                .chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(gate -> availability.state(gate, schedule.today(gate))
                                .invoke(state -> fill(gate, state)))
                        .collect().asList())
                .chain(yard::waitingPerGate)
                .invoke(waiting -> {
                    values.entrySet().stream().filter(e -> e.getKey().startsWith("yard|")).forEach(e -> e.getValue().set(0.0));
                    waiting.forEach((gate, perDirection) -> perDirection.forEach((direction, n) ->
                            gauge("bordergate.yard.size", "Trucks waiting in the yard", gate, direction.name()).set((double) n)));
                })
                .onFailure().invoke(e -> Log.debugf("gate gauges not refreshed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void fill(Gate gate, LedgerState state) {
        for (Direction direction : Direction.values()) {
            String prefix = direction.name() + ":";
            double capacity = state.capacity().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .mapToInt(Map.Entry::getValue).sum();
            double used = state.used().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .mapToInt(Map.Entry::getValue).sum();
            gauge("bordergate.slot.fill.ratio", "Places used over capacity today", gate.code, direction.name())
                    .set(capacity == 0 ? 0.0 : used / capacity);
        }
    }

    private AtomicReference<Double> gauge(String name, String description, String gate, String direction) {
        String key = (name.contains("yard") ? "yard|" : "fill|") + gate + "|" + direction;
        return values.computeIfAbsent(key, k -> {
            AtomicReference<Double> value = new AtomicReference<>(0.0);
            Gauge.builder(name, value, AtomicReference::get).description(description)
                    .tag("gate", gate).tag("direction", direction).register(registry);
            return value;
        });
    }
}
