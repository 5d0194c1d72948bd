package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.StaleReads;
import vn.bordergate.gate.Direction;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The statistics' reads of the roll-ups ({@link Rollups}), over a gate's slot days. */
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

    /** Declarations per status, for each day and direction that has any, from the roll-ups. */
    Uni<Map<DayDirection, Map<String, Integer>>> countsPerStatus(String gate, LocalDate first, LocalDate last) {
        return reads.read(pool -> pool.preparedQuery("SELECT slot_day, direction, status, sum(declarations)::int AS n "
                        + "FROM gate_day_counts WHERE gate_code = $1 AND slot_day BETWEEN $2 AND $3 GROUP BY 1, 2, 3")
                .execute(Tuple.of(gate, first, last)))
                .map(rows -> {
                    Map<DayDirection, Map<String, Integer>> counts = new TreeMap<>();
                    rows.forEach(r -> counts.computeIfAbsent(dayDirection(r), k -> new TreeMap<>())
                            .put(r.getString("status"), r.getInteger("n")));
                    return counts;
                });
    }

    /** Median and 90th percentile wait, for each day and direction with a truck that exited, from the roll-ups. */
    Uni<Map<DayDirection, Waits>> waits(String gate, LocalDate first, LocalDate last) {
        return reads.read(pool -> pool.preparedQuery("SELECT slot_day, direction, median_minutes, p90_minutes "
                        + "FROM gate_day_waits WHERE gate_code = $1 AND slot_day BETWEEN $2 AND $3 AND exited > 0")
                .execute(Tuple.of(gate, first, last)))
                .map(rows -> {
                    Map<DayDirection, Waits> waits = new HashMap<>();
                    rows.forEach(r -> waits.put(dayDirection(r), new Waits(r.getDouble("median_minutes"), r.getDouble("p90_minutes"))));
                    return waits;
                });
    }

    /** The moment the roll-ups' figures are exact for (null before the first roll-up). */
    Uni<OffsetDateTime> asOf() {
        return reads.read(pool -> pool.query("SELECT as_of FROM rollup_runs").execute())
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getOffsetDateTime("as_of"));
    }

    private static DayDirection dayDirection(Row r) {
        return new DayDirection(r.getLocalDate("slot_day"), Direction.valueOf(r.getString("direction")));
    }
}
