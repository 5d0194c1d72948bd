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
 * <p>
 * The memory is ordered: a "full" answer counts only if its claim was sent after the last time this
 * instance forgot the slot's ledger or gate. A claim sent before a give-back finished may have been decided
 * before it, so its "full" may already be stale, and it would otherwise mark a slot full of a place just
 * given back (a claim sent after the give-back's answer was decided after it, on any connection).
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
    // When this instance last forgot what it knew of a ledger, or of a whole gate (an event from any instance).
    private final Map<LedgerKey, Long> forgottenAt = new ConcurrentHashMap<>();
    private final Map<String, Long> gateForgottenAt = new ConcurrentHashMap<>();
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

    /** The ledger answered "full" to a claim for {@code slotField} that was sent at {@code claimSentAt} ({@link System#nanoTime}). */
    void heardFull(LedgerKey ledger, String slotField, long claimSentAt) {
        if (memoryNanos <= 0 || !sentAfterLastChange(ledger, claimSentAt)) {
            return;
        }
        if (heardFullAt.size() >= MAX_MARKS) {
            heardFullAt.clear();
        }
        heardFullAt.put(new Mark(ledger, slotField), System.nanoTime());
    }

    /**
     * Whether a claim sent at {@code claimSentAt} was decided after every change this instance knows of on
     * its ledger: only then is its "full" still news. A booking told "full" by an older claim tries once more.
     */
    public boolean sentAfterLastChange(LedgerKey ledger, long claimSentAt) {
        Long ledgerChanged = forgottenAt.get(ledger);
        Long gateChanged = gateForgottenAt.get(ledger.gateCode());
        return (ledgerChanged == null || claimSentAt - ledgerChanged > 0)
                && (gateChanged == null || claimSentAt - gateChanged > 0);
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
        if (forgottenAt.size() >= MAX_MARKS) {
            forgottenAt.clear();
        }
        forgottenAt.put(ledger, System.nanoTime());
        if (!heardFullAt.isEmpty()) {
            heardFullAt.keySet().removeIf(mark -> mark.ledger().equals(ledger));
        }
    }

    void heard(LiveEvent event) {
        if (NEVER_FREE_A_PLACE.contains(event.type()) || event.gateCode() == null) {
            return;
        }
        if (gateForgottenAt.size() >= MAX_MARKS) {
            gateForgottenAt.clear();
        }
        gateForgottenAt.put(event.gateCode(), System.nanoTime());
        if (!heardFullAt.isEmpty()) {
            heardFullAt.keySet().removeIf(mark -> mark.ledger().gateCode().equals(event.gateCode()));
        }
    }

    int size() {
        return heardFullAt.size();
    }
}
