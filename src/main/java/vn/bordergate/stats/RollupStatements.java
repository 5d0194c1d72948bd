package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;

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

    private static final String WAIT_MINUTES = "(extract(epoch FROM exited_at - checked_in_at) / 60)";

    /** The moment the newest roll-up's figures are exact for; null before the first. */
    Uni<OffsetDateTime> newest(SqlClient client) {
        return client.query("SELECT as_of FROM rollup_runs").execute()
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getOffsetDateTime("as_of"));
    }

    /** The database's time now: what a run's figures will be at least as fresh as. */
    Uni<OffsetDateTime> now(SqlClient client) {
        return client.query("SELECT now() AS now").execute().map(rows -> rows.iterator().next().getOffsetDateTime("now"));
    }

    /**
     * The slot days whose declarations may have changed since {@code asOf} (every slot day for null): those held
     * by a booking day that had not finished by then, since only live declarations change. Slot days with a
     * booking day no longer attached (archived, or being detached) are left out, read from the catalog now:
     * counting an archived day would find nothing and wipe the figures it keeps.
     */
    Uni<List<LocalDate>> changedSince(SqlClient client, OffsetDateTime asOf) {
        return client.preparedQuery("WITH changed AS (SELECT m.slot_day FROM slot_day_partitions m "
                        + "LEFT JOIN finished_days f ON f.partition_day = m.partition_day GROUP BY m.slot_day "
                        + "HAVING bool_or($1::timestamptz IS NULL OR f.finished_at IS NULL OR f.finished_at > $1)) "
                        + "SELECT c.slot_day FROM changed c WHERE NOT EXISTS (SELECT 1 FROM slot_day_partitions m "
                        + "WHERE m.slot_day = c.slot_day AND NOT EXISTS (SELECT 1 FROM pg_inherits i "
                        + "WHERE i.inhrelid = to_regclass('public.declarations_' || CASE WHEN m.partition_day = DATE '1970-01-01' "
                        + "THEN 'undated' ELSE 'p' || to_char(m.partition_day, 'YYYYMMDD') END) AND NOT i.inhdetachpending)) "
                        + "ORDER BY c.slot_day")
                .execute(Tuple.of(asOf))
                .map(rows -> {
                    List<LocalDate> days = new ArrayList<>();
                    rows.forEach(r -> days.add(r.getLocalDate("slot_day")));
                    return days;
                });
    }

    /** Waits for any other instance's batch to commit: batches of every instance take turns. */
    Uni<Void> takeTurn(SqlConnection conn) {
        return conn.query("SELECT pg_advisory_xact_lock(hashtext('rollups'))").execute().replaceWithVoid();
    }

    /** Replaces the figures of these slot days with counts of their declarations in {@code partitions}. */
    Uni<Void> recompute(SqlConnection conn, LocalDate[] slotDays, LocalDate[] partitions) {
        Tuple days = Tuple.of((Object) slotDays);
        return conn.preparedQuery("DELETE FROM gate_day_counts WHERE slot_day = ANY($1)").execute(days)
                .chain(() -> conn.preparedQuery("DELETE FROM gate_day_waits WHERE slot_day = ANY($1)").execute(days))
                .chain(() -> conn.preparedQuery("INSERT INTO gate_day_counts (gate_code, slot_day, direction, status, "
                        + "priority, declarations) SELECT gate_code, slot_day, direction, status, priority, count(*) "
                        + "FROM declarations WHERE " + PartitionDayQueries.among("partition_day", partitions) + " AND slot_day = ANY($1) GROUP BY 1, 2, 3, 4, 5")
                        .execute(days))
                .chain(() -> conn.preparedQuery("INSERT INTO gate_day_waits (gate_code, slot_day, direction, exited, "
                        + "median_minutes, p90_minutes, histogram) SELECT gate_code, slot_day, direction, count(*), "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + WAIT_MINUTES + "), "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + WAIT_MINUTES + "), "
                        + WaitBands.histogram(WAIT_MINUTES) + " FROM declarations WHERE " + PartitionDayQueries.among("partition_day", partitions)
                        + " AND slot_day = ANY($1) AND exited_at IS NOT NULL AND checked_in_at IS NOT NULL GROUP BY 1, 2, 3")
                        .execute(days))
                .replaceWithVoid();
    }

    Uni<Void> recorded(SqlClient client, OffsetDateTime asOf) {
        return client.preparedQuery("INSERT INTO rollup_runs (as_of) VALUES ($1) "
                        + "ON CONFLICT (only_one) DO UPDATE SET as_of = excluded.as_of")
                .execute(Tuple.of(asOf)).replaceWithVoid();
    }
}
