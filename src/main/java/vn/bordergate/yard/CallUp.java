package vn.bordergate.yard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.gate.Direction;
import vn.bordergate.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls the next trucks of the yard to the gate. The rows are taken with FOR UPDATE SKIP LOCKED in yard
 * order, so two supervisors (or two instances) calling at once never call the same truck twice.
 */
@ApplicationScoped
class CallUp {

    public static final int MAX_COUNT = 50;

    /** How many trucks to call, and from which direction's queue. */
    public record Request(@Schema(required = true) Direction direction,
                          @Schema(description = "How many trucks to call", minimum = "1", maximum = "50", format = "int32")
                          Integer count) {
    }

    /** A truck just called, and when it must be at the gate. */
    public record Called(UUID declarationId, String reference, String plate, OffsetDateTime deadline) {
    }

    private final Transactions transactions;
    private final PartitionDayQueries partitions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final YardQueue yard;
    private final YardConfig config;
    private final Clock clock;
    private final Timer wait;

    public CallUp(DeclarationRepository declarations, Lifecycle lifecycle, YardQueue yard, YardConfig config,
                  Clock clock, MeterRegistry metrics, Transactions transactions, PartitionDayQueries partitions) {
        this.transactions = transactions;
        this.partitions = partitions;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.yard = yard;
        this.config = config;
        this.clock = clock;
        this.wait = Timer.builder("bordergate.callup.wait").description("Time from check-in to call-up")
                .publishPercentileHistogram().register(metrics);
    }

    public Uni<List<Called>> call(Caller caller, String gate, Request request) {
        if (request == null || request.direction() == null) {
            throw Problems.invalidField("direction", "is required (EXPORT or IMPORT)");
        }
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_COUNT) {
            throw Problems.invalidField("count", "must be between 1 and " + MAX_COUNT);
        }
        OffsetDateTime deadline = OffsetDateTime.now(clock).plus(config.callDeadline());
        return partitions.live().chain(liveDays -> transactions.run(conn -> YardStatements.lockNextToCall(conn, liveDays,
                        gate, request.direction(), count)
                        .chain(waiting -> {
                            List<UUID> ids = new java.util.ArrayList<>();
                            waiting.forEach(w -> {
                                ids.add(w.declarationId());
                                wait.record(Duration.between(w.checkedInAt(), OffsetDateTime.now(clock)));
                            });
                            return Multi.createFrom().iterable(ids)
                                    .onItem().transformToUniAndConcatenate(id -> callOne(conn, id, deadline, Actor.of(caller)))
                                    .collect().asList();
                        })))
                .call(called -> yard.changed(gate, request.direction()));
    }

    private Uni<Called> callOne(SqlConnection conn, UUID id, OffsetDateTime deadline, Actor actor) {
        return declarations.find(conn, id)
                .chain(d -> lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.CALLED, "CALLED")
                        .stamping(Stamp.called(OffsetDateTime.now(clock), deadline))
                        .with(Map.of("deadline", Times.iso(deadline))), actor))
                .map(d -> new Called(d.id(), d.reference(), d.vehicle().plate(), deadline.atZoneSameInstant(d.slot().start().getOffset()).toOffsetDateTime()));
    }
}
