package vn.bordergate.declaration.admission;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotAvailability;
import vn.bordergate.slot.SlotView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place a "slot full" answer is built, whoever found the slot full: the Redis ledger refusing a
 * booking's or an amendment's claim, this instance's memory of full slots, or PostgreSQL deciding alone
 * while Redis is away. Each names the next slots with room, so the firm can book again at once.
 */
@ApplicationScoped
public class SlotFullAnswers {

    private static final long ALTERNATIVES_REUSE_NANOS = 200_000_000L;
    // One entry per slot refused lately: a few hundred over the gates' booking horizons.
    private static final int MAX_RECENT_ALTERNATIVES = 10_000;

    private record RecentAlternatives(long at, Uni<List<SlotView>> slots) {
    }

    private final Map<String, RecentAlternatives> recentAlternatives = new ConcurrentHashMap<>();
    private final SlotAvailability availability;

    public SlotFullAnswers(SlotAvailability availability) {
        this.availability = availability;
    }

    /** A 409 slot-full for {@code slot}, naming the next slots of {@code direction} that still have room. */
    public <T> Uni<T> refuse(Gate gate, Direction direction, Slot slot) {
        return alternatives(gate, direction, slot)
                .chain(alternatives -> Uni.createFrom().failure(new SlotFull("the " + direction + " slot starting "
                        + slot.start() + " at " + gate.code + " has no place left", alternatives)));
    }

    /**
     * A 409 slot-full for a booking that let the service choose its slot, when none has room. The truck was
     * not asked first, so a retry of a booking that succeeded could meet it: it stays a plain refusal, which
     * the service looks up under the Idempotency-Key (unlike {@link SlotFull}).
     */
    public static ProblemException noSlotWithRoom(Gate gate, Direction direction) {
        return Problems.conflict("slot-full", "No slot has room", "no " + direction + " slot at " + gate.code
                + " has a free place within the booking horizon").with(ProblemMember.ALTERNATIVES, List.of());
    }

    /**
     * A 409 slot-full counted by PostgreSQL alone (Redis away), before the truck was asked: like
     * {@link #noSlotWithRoom}, a plain refusal looked up under the Idempotency-Key. No alternatives: the
     * ledger that knows them is the one away.
     */
    public static ProblemException countedFull(Slot slot) {
        return Problems.conflict("slot-full", "Slot is full", "the slot starting " + slot.start()
                + " has no place left").with(ProblemMember.ALTERNATIVES, List.of());
    }

    /**
     * The next slots with room after a full one. In a stampede thousands of firms are refused the same slot
     * in the same second: they share one answer for {@link #ALTERNATIVES_REUSE_NANOS}, as slot reads share
     * one ledger read. With the ledger unreadable (Redis away) the answer names none.
     */
    private Uni<List<SlotView>> alternatives(Gate gate, Direction direction, Slot full) {
        String slot = gate.code + '|' + direction + '|' + full.start().toEpochSecond();
        long now = System.nanoTime();
        if (recentAlternatives.size() > MAX_RECENT_ALTERNATIVES) {
            recentAlternatives.clear();
        }
        return recentAlternatives.compute(slot, (key, old) -> old != null && now - old.at() < ALTERNATIVES_REUSE_NANOS
                ? old : new RecentAlternatives(now, availability.nextWithRoom(gate, direction, full, 3)
                        .onFailure().recoverWithItem(List.of()).memoize().indefinitely())).slots();
    }
}
