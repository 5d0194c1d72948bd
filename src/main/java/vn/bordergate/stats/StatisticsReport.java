package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.Problems;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.SlotSchedule;
import vn.bordergate.stats.StatisticsQueries.DayDirection;
import vn.bordergate.stats.StatisticsQueries.Waits;
import vn.bordergate.yard.YardStatements;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gate's figures over a range of slot days: counts per status, no-show rate, waits (from the roll-ups, as of
 * their newest run), and the yard now.
 */
@ApplicationScoped
class StatisticsReport {

    /** A year, leap or not: what a province reports on. */
    static final int MAX_DAYS = 366;

    private final StatisticsQueries queries;
    private final YardStatements yard;
    private final SlotSchedule schedule;

    StatisticsReport(StatisticsQueries queries, YardStatements yard, SlotSchedule schedule) {
        this.queries = queries;
        this.yard = yard;
        this.schedule = schedule;
    }

    /** {@code first} and {@code last} are inclusive; null means the gate's today. */
    Uni<GateStatistics> of(Gate gate, LocalDate first, LocalDate last) {
        LocalDate from = first == null ? schedule.today(gate) : first;
        LocalDate to = last == null ? from : last;
        if (to.isBefore(from) || !from.plusDays(MAX_DAYS).isAfter(to)) {
            throw Problems.invalidField("to", "must be on or after from, covering at most " + MAX_DAYS + " days");
        }
        // The time first: figures read after it are at least that fresh.
        return queries.asOf().chain(asOf -> queries.countsPerStatus(gate.code, from, to)
                .chain(counts -> queries.waits(gate.code, from, to).map(waits -> figures(counts, waits)))
                .chain(days -> yard.waitingAt(gate.code).map(waiting -> {
                    Map<String, Integer> yardNow = new TreeMap<>();
                    waiting.forEach((direction, n) -> yardNow.put(direction.name(), n));
                    return new GateStatistics(gate.code, from, to, days, asOf, yardNow);
                })));
    }

    private static List<GateStatistics.DayFigures> figures(Map<DayDirection, Map<String, Integer>> counts,
                                                           Map<DayDirection, Waits> waits) {
        return counts.entrySet().stream().map(e -> {
            Map<String, Integer> byStatus = e.getValue();
            int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            int notCancelled = total - byStatus.getOrDefault("CANCELLED", 0);
            Double noShowRate = notCancelled == 0 ? null : byStatus.getOrDefault("NO_SHOW", 0) / (double) notCancelled;
            Waits wait = waits.getOrDefault(e.getKey(), new Waits(null, null));
            return new GateStatistics.DayFigures(e.getKey().day(), e.getKey().direction().name(), byStatus, noShowRate,
                    wait.median(), wait.p90());
        }).toList();
    }
}
