package vn.bordergate.stats;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the statistics' roll-ups ({@code gate_day_counts}, {@code gate_day_waits}) up to date, every
 * {@code bordergate.statistics.rollup-every}: a year of a gate's statistics then reads ~700 rows, not the
 * million declarations behind them. Only what can have changed is recomputed: a declaration changes only
 * while it is live, so the slot days held by a booking day not finished when the previous run started
 * ({@code finished_days}) are recomputed, and nothing else: a few days, whatever the history. The first run
 * recomputes every slot day still online, a week per transaction.
 * <p>
 * Every instance runs it; an advisory lock makes the runs take turns, day batch by day batch.
 */
@ApplicationScoped
public class Rollups {

    /**
     * Slot days recomputed in one transaction: a week, so each statement plans about ten day partitions and a
     * first run over years commits as it goes.
     */
    static final int DAYS_PER_BATCH = 7;

    private final Pool pool;
    private final RollupStatements statements;

    Rollups(Pool pool, RollupStatements statements) {
        this.pool = pool;
        this.statements = statements;
    }

    @Scheduled(every = "{bordergate.statistics.rollup-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run()
                .onFailure().invoke(e -> Log.warnf("statistics roll-up failed, the next run tries again: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One roll-up; answers how many slot days it recomputed. */
    public Uni<Integer> run() {
        // The time first: every change after it is seen by this run's batches or by the next run.
        return statements.now(pool).chain(asOf -> statements.newest(pool)
                .chain(previous -> statements.changedSince(pool, previous))
                .chain(days -> Multi.createFrom().iterable(batches(days))
                        .onItem().transformToUniAndConcatenate(this::recompute).collect().asList()
                        .chain(() -> statements.recorded(pool, asOf))
                        .replaceWith(days.size())));
    }

    private Uni<Void> recompute(List<LocalDate> slotDays) {
        LocalDate[] days = slotDays.toArray(LocalDate[]::new);
        return pool.withTransaction(conn -> statements.takeTurn(conn)
                .chain(() -> PartitionDayQueries.holding(conn, days))
                .chain(partitionDays -> statements.recompute(conn, days, partitionDays)));
    }

    private static List<List<LocalDate>> batches(List<LocalDate> days) {
        List<List<LocalDate>> batches = new ArrayList<>();
        for (int i = 0; i < days.size(); i += DAYS_PER_BATCH) {
            batches.add(days.subList(i, Math.min(days.size(), i + DAYS_PER_BATCH)));
        }
        return batches;
    }
}
