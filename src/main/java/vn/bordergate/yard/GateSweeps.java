package vn.bordergate.yard;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Cancellation;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.Lifecycle;
import vn.bordergate.declaration.Stamp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduled sweeps: called trucks past their deadline (back to the queue once, then no-show) and bookings
 * never checked in (no-show). Rows are claimed with FOR UPDATE SKIP LOCKED and moved only from the status
 * they were read in, so any number of instances may sweep at once without processing a row twice.
 */
@ApplicationScoped
public class GateSweeps {

    private static final int BATCH = 200;

    private final Transactions transactions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final Cancellation places;
    private final YardQueue yard;
    private final YardConfig config;
    private final Clock clock;

    public GateSweeps(DeclarationRepository declarations, Lifecycle lifecycle, Cancellation places,
                      YardQueue yard, YardConfig config, Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.places = places;
        this.yard = yard;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{bordergate.yard.sweep-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return missedCalls().chain(this::noShows)
                .onFailure().invoke(e -> Log.warnf("gate sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Called trucks not at the gate by their deadline: first miss back to the queue, second miss NO_SHOW. */
    public Uni<Integer> missedCalls() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return sweep("SELECT id, missed_calls FROM declarations WHERE status = 'CALLED' AND arrived_at IS NULL "
                        + "AND call_deadline < $1 ORDER BY call_deadline LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
                Tuple.of(now), (conn, d, row) -> row.getInteger("missed_calls") == 0
                        ? lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.CHECKED_IN, "CALL_MISSED")
                        .stamping(Stamp.backToQueue())
                        .because("not at the gate by the call deadline; back to the end of the queue"), Actor.SYSTEM)
                        : lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.NO_SHOW, "NO_SHOW")
                        .stamping(Stamp.noShow())
                        .because("missed the call twice"), Actor.SYSTEM));
    }

    /** Bookings not checked in by slot end + grace: NO_SHOW, and their place is freed. */
    public Uni<Integer> noShows() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.noShowGrace());
        return sweep("SELECT id FROM declarations WHERE status = 'BOOKED' AND slot_end < $1 "
                        + "ORDER BY slot_end LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
                Tuple.of(cutoff), (conn, d, row) -> lifecycle.move(conn, d,
                        Lifecycle.Change.to(DeclarationStatus.NO_SHOW, "NO_SHOW")
                                .because("not checked in by the end of the slot plus grace"), Actor.SYSTEM));
    }

    private interface Step {
        Uni<Declaration> apply(SqlConnection conn, Declaration current, Row row);
    }

    private Uni<Integer> sweep(String select, Tuple params, Step step) {
        return transactions.run(conn -> conn.preparedQuery(select).execute(params).chain(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    return Multi.createFrom().iterable(claimed)
                            .onItem().transformToUniAndConcatenate(row -> declarations.find(conn, row.getUUID("id"))
                                    .chain(d -> step.apply(conn, d, row)))
                            .collect().asList();
                }))
                .call(moved -> Multi.createFrom().iterable(moved)
                        .onItem().transformToUniAndConcatenate(this::afterCommit).collect().asList())
                .map(List::size);
    }

    private Uni<Void> afterCommit(Declaration d) {
        Uni<Void> freed = d.status().holdsPlace() ? Uni.createFrom().voidItem() : places.freePlace(d);
        return freed.chain(() -> yard.changed(d.gateCode(), d.direction()));
    }
}
