package vn.bordergate.slot;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import vn.bordergate.live.LiveEvent;
import vn.bordergate.live.LiveEvents;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slots this instance was lately told are full. When a booking day opens, nearly every request of the
 * stampede is for a slot that filled in its first second; answering those from here, instead of claiming in
 * Redis and remembering the refusal in PostgreSQL behind the bookings in flight, tells the losers in
 * milliseconds. Never a cause of overbooking: the memory only refuses.
 * <p>
 * A slot is forgotten when this instance changes its gate-day ledger (a release, a rebuild, a new
 * capacity), when any instance announces an event at its gate that may free a place (a cancellation, a
 * moved slot), and in any case after {@code full-slot-memory}. A place freed on another instance while
 * its event is in transit may so be refused for at most that long.
 */
@ApplicationScoped
public class FullSlots {

    /** Events after which a place at the gate may be free again are all but these. */
    private static final Set<String> NEVER_FREE_A_PLACE = Set.of("DECLARED", "CHECKED_IN", "CALLED", "CALL_MISSED",
            "ARRIVED", "INSPECTED");
    // Slots of bookable gate-days only; the bound is a guard against a bug, far above six gates' few hundred.
    private static final int MAX_MARKS = 10_000;

    private record Mark(LedgerKey ledger, String slotField) {
    }

    private final Map<Mark, Long> heardFullAt = new ConcurrentHashMap<>();
    private final long memoryNanos;
    private final LiveEvents live;

    @Inject
    public FullSlots(AdmissionConfig config, LiveEvents live) {
        this(config.fullSlotMemory().toNanos(), live);
    }

    FullSlots(long memoryNanos, LiveEvents live) {
        this.memoryNanos = memoryNanos;
        this.live = live;
    }

    /** A memory that keeps nothing: for tools that claim on a ledger without following live events. */
    public static FullSlots off() {
        return new FullSlots(0, null);
    }

    void followEvents(@Observes StartupEvent start) {
        if (live != null) {
            live.stream().subscribe().with(this::heard, failure -> heardFullAt.clear());
        }
    }

    /** The ledger answered a claim for {@code slotField} with "full". */
    void heardFull(LedgerKey ledger, String slotField) {
        if (memoryNanos <= 0) {
            return;
        }
        if (heardFullAt.size() >= MAX_MARKS) {
            heardFullAt.clear();
        }
        heardFullAt.put(new Mark(ledger, slotField), System.nanoTime());
    }

    /** Whether the slot was found full within {@code full-slot-memory}, with nothing heard since that may free it. */
    public boolean knownFull(LedgerKey ledger, String slotField) {
        Long at = heardFullAt.get(new Mark(ledger, slotField));
        if (at == null) {
            return false;
        }
        if (System.nanoTime() - at < memoryNanos) {
            return true;
        }
        heardFullAt.remove(new Mark(ledger, slotField), at);
        return false;
    }

    /** This instance changed the ledger: what it said about full slots may no longer hold. */
    void forget(LedgerKey ledger) {
        if (!heardFullAt.isEmpty()) {
            heardFullAt.keySet().removeIf(mark -> mark.ledger().equals(ledger));
        }
    }

    void heard(LiveEvent event) {
        if (!heardFullAt.isEmpty() && !NEVER_FREE_A_PLACE.contains(event.type())) {
            heardFullAt.keySet().removeIf(mark -> mark.ledger().gateCode().equals(event.gateCode()));
        }
    }

    int size() {
        return heardFullAt.size();
    }
}
