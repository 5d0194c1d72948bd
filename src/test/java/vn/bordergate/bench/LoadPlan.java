package vn.bordergate.bench;

import vn.bordergate.gate.Gate;
import vn.bordergate.slot.SlotSchedule;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scenarios will book, checked against the gates as the service lays out their slots, before any load:
 * the spread-out scenarios book every gate, load day and hour, the stampede its gate-day. A gate whose hours,
 * closures or booking horizon no longer hold those slots once made the bench measure refusals without a word
 * (its hours changed); now the run stops here and names each gate-day and hour.
 */
record LoadPlan(List<String> gates, List<LocalDate> days, List<Integer> hours, String stampedeGate,
                LocalDate stampedeDay, boolean stampede) {

    /** The zone the simulations write slot starts in (LoadConfig.VIETNAM). */
    static final ZoneId SLOT_ZONE = BenchKnobs.GATES_ZONE;

    /** Every reason the plan cannot be booked as meant; empty when it can. */
    List<String> problems(Map<String, Gate> known, SlotSchedule schedule) {
        List<String> problems = new ArrayList<>();
        for (String code : gates) {
            Gate gate = known.get(code);
            if (gate == null) {
                problems.add(code + ": no such gate (the service has " + known.keySet() + ")");
                continue;
            }
            if (!gate.active) {
                problems.add(code + ": the gate is not active, it takes no bookings");
                continue;
            }
            for (LocalDate day : days) {
                notOpen(gate, day, schedule).ifPresentOrElse(problems::add, () -> {
                    List<String> missing = new ArrayList<>();
                    for (int hour : hours) {
                        OffsetDateTime start = day.atTime(hour, 0).atZone(SLOT_ZONE).toOffsetDateTime();
                        if (schedule.find(gate, start).isEmpty()) {
                            missing.add(String.format("%02d:00 %s", hour,
                                    schedule.refusal(gate, start).orElse("is no slot of the day")));
                        }
                    }
                    if (!missing.isEmpty()) {
                        problems.add(code + " " + day + ": no slot at " + String.join("; ", missing));
                    }
                });
            }
        }
        if (stampede) {
            Gate gate = known.get(stampedeGate);
            if (gate == null) {
                problems.add("stampede gate " + stampedeGate + ": no such gate (the service has " + known.keySet() + ")");
            } else {
                notOpen(gate, stampedeDay, schedule).ifPresent(p -> problems.add("stampede " + p));
                if (schedule.slotsOn(gate, stampedeDay).isEmpty()) {
                    problems.add("stampede " + stampedeGate + " " + stampedeDay + ": the gate has no slot that day ("
                            + stampedeDay.getDayOfWeek() + ", hours " + gate.week() + ", closures " + gate.closures().size() + ")");
                }
            }
        }
        return problems;
    }

    private static Optional<String> notOpen(Gate gate, LocalDate day, SlotSchedule schedule) {
        if (day.isBefore(schedule.today(gate)) || day.isAfter(schedule.lastBookableDay(gate))) {
            return Optional.of(gate.code + " " + day + ": not open for booking (bookable " + schedule.today(gate) + " to "
                    + schedule.lastBookableDay(gate) + ")");
        }
        return Optional.empty();
    }

    /** Stops the run naming every problem, before any load is sent. */
    void require(Map<String, Gate> known, SlotSchedule schedule) {
        List<String> problems = problems(known, schedule);
        if (!problems.isEmpty()) {
            throw new BenchFailure("the load would book slots the service does not offer, so it would measure refusals: "
                    + String.join(" | ", problems) + ". The scenarios book hours HOURS=" + hoursText() + " on LOAD_DAYS=" + days
                    + " at " + gates + (stampede ? ", the stampede " + stampedeGate + " on " + stampedeDay : "")
                    + ": choose HOURS, LOAD_DAYS or STAMPEDE_DAY the gates open, or check the gates' hours and closures");
        }
    }

    private String hoursText() {
        return hours.isEmpty() ? "none" : hours.getFirst() + "-" + hours.getLast();
    }
}
