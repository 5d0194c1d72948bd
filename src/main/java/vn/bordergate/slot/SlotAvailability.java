package vn.bordergate.slot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.Problems;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Places per slot, served from the Redis ledger (rebuilt from PostgreSQL when missing). */
@ApplicationScoped
public class SlotAvailability {

    private final SlotLedger ledger;
    private final LedgerRebuild rebuild;
    private final SlotSchedule schedule;

    public SlotAvailability(SlotLedger ledger, LedgerRebuild rebuild, SlotSchedule schedule) {
        this.ledger = ledger;
        this.rebuild = rebuild;
        this.schedule = schedule;
    }

    /**
     * The slots of a bookable day, from today to the gate's booking horizon. Only bookable days have a
     * ledger; answering any other day would make one (a row, Redis keys) per request.
     */
    public Uni<List<SlotView>> bookableDay(Gate gate, Direction direction, LocalDate day) {
        if (day.isAfter(schedule.lastBookableDay(gate))) {
            throw schedule.notOpen(gate, day);
        }
        if (day.isBefore(schedule.today(gate))) {
            throw Problems.invalidField("date", "must be a bookable day, from " + schedule.today(gate) + " to "
                    + schedule.lastBookableDay(gate));
        }
        return day(gate, direction, day);
    }

    public Uni<List<SlotView>> day(Gate gate, Direction direction, LocalDate day) {
        return state(gate, day).map(state -> schedule.slotsOn(gate, day).stream()
                .map(slot -> view(state, direction, slot)).toList());
    }

    /** Up to {@code limit} bookable slots with room, earliest first, skipping {@code except}. */
    public Uni<List<SlotView>> nextWithRoom(Gate gate, Direction direction, Slot except, int limit) {
        List<Slot> candidates = schedule.bookableSlots(gate).stream()
                .filter(s -> except == null || !s.start().toInstant().equals(except.start().toInstant()))
                .toList();
        List<LocalDate> days = candidates.stream().map(Slot::day).distinct().toList();
        List<SlotView> found = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LocalDate day : days) {
            chain = chain.chain(() -> found.size() >= limit ? Uni.createFrom().voidItem()
                    : state(gate, day).invoke(state -> candidates.stream()
                            .filter(s -> s.day().equals(day))
                            .map(s -> view(state, direction, s))
                            .filter(v -> v.available() > 0)
                            .limit(limit - found.size())
                            .forEach(found::add)).replaceWithVoid());
        }
        return chain.map(ignored -> List.copyOf(found));
    }

    /** The ledger of a gate-day, rebuilt from PostgreSQL first if Redis has lost it. */
    public Uni<LedgerState> state(Gate gate, LocalDate day) {
        LedgerKey key = new LedgerKey(gate.code, day);
        return ledger.read(key).chain(state -> state != null ? Uni.createFrom().item(state)
                : rebuild.rebuildIfMissing(gate, day).chain(() -> ledger.read(key)));
    }

    private static SlotView view(LedgerState state, Direction direction, Slot slot) {
        String field = LedgerKey.slotField(direction, slot);
        return new SlotView(slot.start(), slot.end(), state.capacity(field), state.used(field), state.available(field));
    }
}
