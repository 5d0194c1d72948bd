package vn.bordergate.bench;

import org.junit.jupiter.api.Test;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.OpeningHours;
import vn.bordergate.slot.SlotSchedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench stops before its load when the gates no longer offer the slots it will book (the way it once broke
 * silently when gate hours changed), naming the gate, day and hour.
 */
class LoadPlanTest {

    /** Monday 7 December 2026, 10:00 in Hanoi. */
    private static final SlotSchedule SCHEDULE = new SlotSchedule(Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC));
    private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 8);
    private static final LocalDate THURSDAY = LocalDate.of(2026, 12, 10);
    private static final List<Integer> HOURS = List.of(7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

    @Test
    void gatesOpenEveryHourBookedPass() {
        Map<String, Gate> gates = Map.of("HUU_NGHI", gate("HUU_NGHI", "07:00", "17:00", DayOfWeek.values()),
                "KIM_THANH", gate("KIM_THANH", "06:00", "22:00", DayOfWeek.values()));

        assertEquals(List.of(), plan(List.of("HUU_NGHI", "KIM_THANH")).problems(gates, SCHEDULE));
    }

    @Test
    void hoursThatNoLongerCoverTheLoadAreNamed() {
        Map<String, Gate> gates = Map.of("HUU_NGHI", gate("HUU_NGHI", "08:00", "16:00", DayOfWeek.values()),
                "KIM_THANH", gate("KIM_THANH", "07:00", "17:00", DayOfWeek.values()));

        List<String> problems = plan(List.of("HUU_NGHI", "KIM_THANH")).problems(gates, SCHEDULE);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("HUU_NGHI 2026-12-08: no slot at 07:00 is outside the gate's opening hours"),
                problems.getFirst());
        assertTrue(problems.getFirst().contains("16:00 is outside"), "the last hour the gate no longer holds: " + problems);
    }

    @Test
    void aWeekdayTheGateIsClosedStopsTheRun() {
        Map<String, Gate> gates = Map.of("KIM_THANH", gate("KIM_THANH", "07:00", "17:00", DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY));

        BenchFailure failure = assertThrows(BenchFailure.class, () -> plan(List.of("KIM_THANH")).require(gates, SCHEDULE));

        assertTrue(failure.getMessage().contains("KIM_THANH 2026-12-08: no slot at 07:00 is on a TUESDAY, when the gate is closed"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("stampede KIM_THANH 2026-12-10: the gate has no slot that day"), failure.getMessage());
        assertTrue(failure.getMessage().contains("HOURS=7-16"), "says which knob to turn: " + failure.getMessage());
    }

    @Test
    void aDayBeyondTheBookingHorizonOrAnUnknownGateIsNamed() {
        Gate gate = gate("KIM_THANH", "07:00", "17:00", DayOfWeek.values());
        gate.bookingHorizonDays = 2;

        List<String> problems = plan(List.of("KIM_THANH", "LAO_CAI")).problems(Map.of("KIM_THANH", gate), SCHEDULE);

        assertTrue(problems.contains("stampede KIM_THANH 2026-12-10: not open for booking (bookable 2026-12-07 to 2026-12-09)"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("LAO_CAI: no such gate")), problems.toString());
    }

    private static LoadPlan plan(List<String> gates) {
        return new LoadPlan(gates, List.of(TUESDAY), HOURS, "KIM_THANH", THURSDAY, true);
    }

    private static Gate gate(String code, String opens, String closes, DayOfWeek... days) {
        Gate gate = new Gate();
        gate.code = code;
        gate.active = true;
        gate.timeZone = "Asia/Ho_Chi_Minh";
        gate.slotMinutes = 60;
        gate.bookingHorizonDays = 7;
        gate.bookingOpensAt = LocalTime.MIDNIGHT;
        gate.setWeek(List.of(new OpeningHours(List.of(days), LocalTime.parse(opens), LocalTime.parse(closes))));
        return gate;
    }
}
