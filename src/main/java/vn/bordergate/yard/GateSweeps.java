package vn.bordergate.yard;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.change.Cancellation;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.yard.YardStatements.MissedCall;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Scheduled sweeps: called trucks past their deadline (back to the queue once, then no-show) and bookings
 * never checked in (no-show). Rows are claimed with FOR UPDATE SKIP LOCKED and moved only from the status
 * they were read in, so any number of instances may sweep at once without processing a row twice.
 */
@ApplicationScoped
class GateSweeps {

    private final Transactions transactions;
    private final PartitionDayQueries partitions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final Cancellation places;
    private final YardQueue yard;
    private final YardConfig config;
    private final Clock clock;

    public GateSweeps(DeclarationRepository declarations, Lifecycle lifecycle, Cancellation places,
                      YardQueue yard, YardConfig config, Clock clock, Transactions transactions,
                      PartitionDayQueries partitions) {
        this.transactions = transactions;
        this.partitions = partitions;
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
        return partitions.live().chain(liveDays -> sweep(conn -> YardStatements.lockMissedCalls(conn, liveDays, now).chain(missed -> each(conn, missed,
                MissedCall::declarationId, (d, call) -> call.missedBefore() == 0
                        ? lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.CHECKED_IN, "CALL_MISSED")
                        .stamping(Stamp.backToQueue())
                        .because("not at the gate by the call deadline; back to the end of the queue"), Actor.SYSTEM)
                        : lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.NO_SHOW, "NO_SHOW")
                        .stamping(Stamp.noShow())
                        .because("missed the call twice"), Actor.SYSTEM)))));
    }

    /** Bookings not checked in by slot end + grace: NO_SHOW, and their place is freed. */
    public Uni<Integer> noShows() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.noShowGrace());
        return partitions.live().chain(liveDays -> sweep(conn -> YardStatements.lockNotCheckedIn(conn, liveDays, cutoff).chain(ids -> each(conn, ids,
                id -> id, (d, id) -> lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.NO_SHOW, "NO_SHOW")
                        .because("not checked in by the end of the slot plus grace"), Actor.SYSTEM)))));
    }

    /** Applies {@code step} to each locked row's declaration, one after the other, on {@code conn}. */
    private <T> Uni<List<Declaration>> each(SqlConnection conn, List<T> locked, Function<T, UUID> id,
                                            BiFunction<Declaration, T, Uni<Declaration>> step) {
        return Multi.createFrom().iterable(locked)
                .onItem().transformToUniAndConcatenate(row -> declarations.find(conn, id.apply(row))
                        .chain(d -> step.apply(d, row)))
                .collect().asList();
    }

    /** Runs one batch in a transaction, then frees places and refreshes yards for what it moved. */
    private Uni<Integer> sweep(Function<SqlConnection, Uni<List<Declaration>>> batch) {
        return transactions.run(batch)
                .call(moved -> Multi.createFrom().iterable(moved)
                        .onItem().transformToUniAndConcatenate(this::afterCommit).collect().asList())
                .map(List::size);
    }

    private Uni<Void> afterCommit(Declaration d) {
        Uni<Void> freed = d.status().holdsPlace() ? Uni.createFrom().voidItem() : places.freePlace(d);
        return freed.chain(() -> yard.changed(d.gateCode(), d.direction()));
    }
}
