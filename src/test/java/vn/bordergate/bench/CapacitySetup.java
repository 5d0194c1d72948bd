package vn.bordergate.bench;

import vn.bordergate.capacitychange.CapacityChangeResult;
import vn.bordergate.capacitychange.CapacityRequest;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.slot.SlotView;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Slot capacities set through {@code PUT /api/v1/gates/{code}/capacity} as an admin, the way an operator would
 * (the service reloads its Redis ledgers in the same step), each answer checked: every slot of the day changed,
 * nothing moved.
 */
final class CapacitySetup {

    /** The most places per slot the capacity API accepts. */
    static final int RAISED = 10_000;

    private final BenchApi api;
    private final SlotSchedule schedule;

    CapacitySetup(BenchApi api, SlotSchedule schedule) {
        this.api = api;
        this.schedule = schedule;
    }

    /**
     * Gives every slot of {@code days}, at every gate and in both directions, {@link #RAISED} places, so capacity
     * does not limit the spread-out scenarios there.
     */
    void raise(Collection<Gate> gates, List<LocalDate> days) {
        int puts = 0;
        int slots = 0;
        for (LocalDate day : days) {
            for (Gate gate : gates) {
                int expected = schedule.slotsOn(gate, day).size();
                for (Direction direction : Direction.values()) {
                    CapacityChangeResult result = api.setCapacity(gate.code, wholeDay(gate, day, direction, RAISED));
                    puts++;
                    slots += result.slotsChanged();
                    if (result.slotsChanged() != expected || !result.moved().isEmpty() || !result.unplaced().isEmpty()) {
                        throw new BenchFailure("raising " + gate.code + " " + day + " " + direction + " changed "
                                + result.slotsChanged() + " slots (expected " + expected + ") and moved "
                                + result.moved().size() + " bookings");
                    }
                }
            }
        }
        if (!days.isEmpty()) {
            Progress.say(String.format("   capacity: %d places in each of %d slots (%d gates, days %s, both directions), %d PUTs",
                    RAISED, slots, gates.size(), days, puts));
        }
    }

    /**
     * Spreads {@code places} over the gate-day's slots in {@code direction} (the first {@code places % slots} get
     * one more), gives the other direction none, and reads the day back as any client sees it.
     */
    void stampede(Gate gate, Direction direction, LocalDate day, int places) {
        List<Slot> slots = schedule.slotsOn(gate, day);
        int each = places / slots.size();
        int more = places % slots.size();
        OffsetDateTime dayEnd = day.plusDays(1).atStartOfDay(gate.zone()).toOffsetDateTime();
        if (more > 0) {
            api.setCapacity(gate.code, new CapacityRequest(direction, slots.get(0).start(), slots.get(more).start(), each + 1));
        }
        api.setCapacity(gate.code, new CapacityRequest(direction, slots.get(more).start(), dayEnd, each));
        Direction other = direction == Direction.EXPORT ? Direction.IMPORT : Direction.EXPORT;
        api.setCapacity(gate.code, wholeDay(gate, day, other, 0));
        for (Direction d : Direction.values()) {
            List<SlotView> seen = api.slots(gate.code, d, day);
            int total = seen.stream().mapToInt(SlotView::capacity).sum();
            int wanted = d == direction ? places : 0;
            if (total != wanted || seen.size() != slots.size()) {
                throw new BenchFailure("stampede gate-day " + gate.code + " " + day + " " + d + ": the API shows "
                        + total + " places in " + seen.size() + " slots, expected " + wanted + " in " + slots.size());
            }
        }
        Progress.say(String.format("   capacity: stampede gate-day %s %s: %d places over %d %s slots (%d with %d, %d with %d), none %s",
                gate.code, day, places, slots.size(), direction, more, each + 1, slots.size() - more, each, other));
    }

    private static CapacityRequest wholeDay(Gate gate, LocalDate day, Direction direction, int capacity) {
        return new CapacityRequest(direction, day.atStartOfDay(gate.zone()).toOffsetDateTime(),
                day.plusDays(1).atStartOfDay(gate.zone()).toOffsetDateTime(), capacity);
    }
}
