package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics' roll-ups (V10__history_at_scale.sql): each slot day's figures recomputed from its
 * declarations, read from the partitions that hold it (named as constants, so the plan touches only them).
 */
@ApplicationScoped
class RollupStatements {

    /** The newest roll-up: the live booking day it started from and the moment its figures are exact for. */
    record Run(LocalDate liveFrom, OffsetDateTime asOf) {
    }

    private static final String WAIT_MINUTES = "(extract(epoch FROM exited_at - checked_in_at) / 60)";

    Uni<Run> newest(SqlClient client) {
        return client.query("SELECT live_from, as_of FROM rollup_runs").execute()
                .map(rows -> rows.rowCount() == 0 ? null
                        : new Run(rows.iterator().next().getLocalDate("live_from"), rows.iterator().next().getOffsetDateTime("as_of")));
    }

    /**
     * The slot days whose declarations may have changed since a roll-up that started from {@code liveFrom}
     * (every slot day for none), leaving out those with a booking day no longer online: an archived day's
     * figures stay as they were rolled up.
     */
    Uni<List<LocalDate>> changedSince(SqlClient client, LocalDate liveFrom, List<LocalDate> online) {
        return client.preparedQuery("SELECT slot_day FROM slot_day_partitions GROUP BY slot_day "
                        + "HAVING max(partition_day) >= $1 AND bool_and(partition_day = ANY($2)) ORDER BY slot_day")
                .execute(Tuple.of(liveFrom == null ? LocalDate.EPOCH : liveFrom, online.toArray(LocalDate[]::new)))
                .map(rows -> {
                    List<LocalDate> days = new ArrayList<>();
                    rows.forEach(r -> days.add(r.getLocalDate("slot_day")));
                    return days;
                });
    }

    /** Replaces the figures of these slot days with counts of their declarations in {@code partitions}. */
    Uni<Void> recompute(SqlConnection conn, LocalDate[] slotDays, LocalDate[] partitions) {
        Tuple days = Tuple.of(slotDays);
        Tuple both = Tuple.of(slotDays, partitions);
        return conn.preparedQuery("DELETE FROM gate_day_counts WHERE slot_day = ANY($1)").execute(days)
                .chain(() -> conn.preparedQuery("DELETE FROM gate_day_waits WHERE slot_day = ANY($1)").execute(days))
                .chain(() -> conn.preparedQuery("INSERT INTO gate_day_counts (gate_code, slot_day, direction, status, "
                        + "priority, declarations) SELECT gate_code, slot_day, direction, status, priority, count(*) "
                        + "FROM declarations WHERE partition_day = ANY($2) AND slot_day = ANY($1) GROUP BY 1, 2, 3, 4, 5")
                        .execute(both))
                .chain(() -> conn.preparedQuery("INSERT INTO gate_day_waits (gate_code, slot_day, direction, exited, "
                        + "median_minutes, p90_minutes, histogram) SELECT gate_code, slot_day, direction, count(*), "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + WAIT_MINUTES + "), "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + WAIT_MINUTES + "), "
                        + WaitBands.histogram(WAIT_MINUTES) + " FROM declarations WHERE partition_day = ANY($2) "
                        + "AND slot_day = ANY($1) AND exited_at IS NOT NULL AND checked_in_at IS NOT NULL GROUP BY 1, 2, 3")
                        .execute(both))
                .replaceWithVoid();
    }

    Uni<Void> recorded(SqlClient client, LocalDate liveFrom, OffsetDateTime asOf) {
        return client.preparedQuery("INSERT INTO rollup_runs (live_from, as_of) VALUES ($1, $2) "
                        + "ON CONFLICT (only_one) DO UPDATE SET live_from = excluded.live_from, as_of = excluded.as_of")
                .execute(Tuple.of(liveFrom, asOf)).replaceWithVoid();
    }
}
