package vn.bordergate.declaration.admission;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.slot.LedgerKey;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Give-backs this instance has sent to a ledger and not yet heard answered. A slot may look full only
 * because claims that timed out still count there until their give-back lands: a booking told "full"
 * meanwhile waits for them and asks once more, instead of hearing a "slot full" that is not true.
 */
@ApplicationScoped
class PendingGiveBacks {

    private static final Duration POLL = Duration.ofMillis(5);

    private final Map<LedgerKey, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** {@code giveBack}, counted as pending on {@code ledger} from subscription until it ends either way. */
    Uni<Void> track(LedgerKey ledger, Uni<Void> giveBack) {
        return Uni.createFrom().voidItem()
                .invoke(() -> inFlight.computeIfAbsent(ledger, k -> new AtomicInteger()).incrementAndGet())
                .chain(() -> giveBack)
                .onTermination().invoke(() -> inFlight.computeIfPresent(ledger,
                        (k, count) -> count.decrementAndGet() <= 0 ? null : count));
    }

    boolean any(LedgerKey ledger) {
        return inFlight.containsKey(ledger);
    }

    /** Completes once no give-back is pending on {@code ledger}, or after {@code atMost} in any case. */
    Uni<Void> settled(LedgerKey ledger, Duration atMost) {
        if (!any(ledger)) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().ticks().every(POLL).select().where(tick -> !any(ledger)).toUni()
                .ifNoItem().after(atMost).recoverWithItem(0L).replaceWithVoid();
    }
}
