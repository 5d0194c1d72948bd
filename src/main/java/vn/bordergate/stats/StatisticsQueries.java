package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.StaleReads;
import vn.bordergate.gate.Direction;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The statistics' reads of the declarations table, over a gate's slot days. */
@ApplicationScoped
class StatisticsQueries {

    /** One slot day and direction of a gate: the unit every figure is given for. */
    record DayDirection(LocalDate day, Direction direction) implements Comparable<DayDirection> {
        @Override
        public int compareTo(DayDirection other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : direction.compareTo(other.direction);
        }
    }

    /** Minutes from check-in to exit over the trucks that exited. */
    record Waits(Double median, Double p90) {
    }

    // Statistics may be a second behind: they read from the replica when there is one.
    private final StaleReads reads;

    StatisticsQueries(StaleReads reads) {
        this.reads = reads;
    }

    /** Declarations per status, for each day and direction that has any. */
    Uni<Map<DayDirection, Map<String, Integer>>> countsPerStatus(String gate, LocalDate first, LocalDate last) {
        return reads.read(pool -> pool.preparedQuery("SELECT slot_day, direction, status, count(*)::int AS n FROM declarations "
                        + "WHERE gate_code = $1 AND slot_day BETWEEN $2 AND $3 GROUP BY 1, 2, 3")
                .execute(Tuple.of(gate, first, last)))
                .map(rows -> {
                    Map<DayDirection, Map<String, Integer>> counts = new TreeMap<>();
                    rows.forEach(r -> counts.computeIfAbsent(dayDirection(r), k -> new TreeMap<>())
                            .put(r.getString("status"), r.getInteger("n")));
                    return counts;
                });
    }

    /** Median and 90th percentile wait, for each day and direction with a truck that exited. */
    Uni<Map<DayDirection, Waits>> waits(String gate, LocalDate first, LocalDate last) {
        return reads.read(pool -> pool.preparedQuery("SELECT slot_day, direction, "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM exited_at - checked_in_at)) / 60 AS median, "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM exited_at - checked_in_at)) / 60 AS p90 "
                        + "FROM declarations WHERE gate_code = $1 AND slot_day BETWEEN $2 AND $3 "
                        + "AND exited_at IS NOT NULL AND checked_in_at IS NOT NULL GROUP BY 1, 2")
                .execute(Tuple.of(gate, first, last)))
                .map(rows -> {
                    Map<DayDirection, Waits> waits = new HashMap<>();
                    rows.forEach(r -> waits.put(dayDirection(r), new Waits(r.getDouble("median"), r.getDouble("p90"))));
                    return waits;
                });
    }

    private static DayDirection dayDirection(Row r) {
        return new DayDirection(r.getLocalDate("slot_day"), Direction.valueOf(r.getString("direction")));
    }
}
