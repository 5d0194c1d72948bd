package vn.bordergate.stats;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A gate's figures per day and direction over a range, and its yard right now. The days' figures are exact as
 * of {@code figuresAsOf} (the roll-ups lag by at most {@code bordergate.statistics.rollup-every} plus a run);
 * {@code yardNow} is read at the time of the answer.
 */
public record GateStatistics(String gateCode, LocalDate from, LocalDate to, List<DayFigures> days,
                             OffsetDateTime figuresAsOf, Map<String, Integer> yardNow) {

    /**
     * One day and direction. {@code noShowRate} is no-shows over bookings that were not cancelled;
     * waits are from check-in to exit, in minutes, over trucks that exited.
     */
    public record DayFigures(LocalDate day, String direction, Map<String, Integer> byStatus, Double noShowRate,
                             Double medianWaitMinutes, Double p90WaitMinutes) {
    }
}
