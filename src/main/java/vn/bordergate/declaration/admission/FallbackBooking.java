package vn.bordergate.declaration.admission;

import vn.bordergate.declaration.Declaration;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.SlotStatements;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Admission decided by PostgreSQL alone, used while Redis is unreachable: bookings of one gate-day are
 * serialised by an exclusive advisory lock and counted from the table, so they stay exact, only slower.
 * Each one writes a new ledger epoch, so the Redis ledger (which does not know them) is rebuilt before
 * it admits anything again. A booking that cannot get the lock in time is refused with 503.
 */
@ApplicationScoped
public class FallbackBooking {

    private final Transactions transactions;
    private final BookingStatements writes;
    private final AuditTrail audit;
    private final AdmissionConfig config;
    private final IdempotencyStore idempotencyStore;

    public FallbackBooking(BookingStatements writes, AuditTrail audit, AdmissionConfig config,
                           IdempotencyStore idempotencyStore, Transactions transactions) {
        this.transactions = transactions;
        this.writes = writes;
        this.audit = audit;
        this.config = config;
        this.idempotencyStore = idempotencyStore;
    }

    public Uni<Declaration> book(Gate gate, Declaration draft, int quota, Caller caller,
                                 IdempotencyStore.Key idempotency) {
        LedgerKey key = new LedgerKey(gate.code, draft.slot().day());
        String epoch = "pg-" + UUID.randomUUID();
        return transactions.run(conn -> BookingStatements.limitLockWait(conn, config.fallbackLockTimeout())
                        .chain(() -> SlotStatements.lockGateDay(conn, key))
                        .chain(() -> SlotStatements.newEpoch(conn, key, epoch))
                        .chain(() -> check(conn, gate, draft, quota))
                        .chain(queueNumber -> writes.insertFenced(conn, draft.withSlot(draft.slot(), queueNumber),
                                BookingStatements.referencePrefix(gate, draft), epoch))
                        .call(stored -> audit.appendFirst(conn, BookingStatements.declared(stored, caller))
                                .chain(() -> idempotencyStore.rememberCreated(conn, idempotency.owner(), idempotency.key(),
                                        idempotency.requestHash(), stored.id()))))
                .onFailure(FallbackBooking::isLockTimeout).transform(e -> Problems.unavailable(
                        "bookings are being decided without the admission cache; retry shortly", config.retryAfterSeconds()))
                .onFailure(Refusals::isPlateTaken).transform(e -> Refusals.vehicleAlreadyBooked(draft));
    }

    /** Writes a moved booking, placed (its queue number set), fenced on {@code epoch}; null when its version moved on. */
    @FunctionalInterface
    public interface MoveWrite {
        Uni<Declaration> apply(SqlConnection conn, Declaration placed, String epoch);
    }

    /**
     * An amendment that moves a booking (another slot, another day, another truck), decided the same way
     * while Redis is away: the gate-days it leaves and enters are locked and given new epochs (so their
     * Redis ledgers are rebuilt before they admit again), the new slot and the firm's quota on a new day are
     * counted from the table, and {@code write} updates the row fenced on the new day's epoch. The truck's
     * one booking a day is the table's constraint, as for a booking.
     */
    public Uni<Declaration> move(Gate gate, Declaration current, Declaration amended, int quota,
                                 MoveWrite write) {
        LocalDate from = current.slot().day();
        LocalDate to = amended.slot().day();
        boolean slotMoved = !amended.slot().equals(current.slot());
        String epoch = "pg-" + UUID.randomUUID();
        List<LocalDate> days = from.equals(to) ? List.of(to) : from.isBefore(to) ? List.of(from, to) : List.of(to, from);
        return transactions.run(conn -> BookingStatements.limitLockWait(conn, config.fallbackLockTimeout())
                        .chain(() -> SlotStatements.lockGateDays(conn, gate.code, days))
                        .chain(() -> Multi.createFrom().iterable(days).onItem().transformToUniAndConcatenate(day ->
                                SlotStatements.newEpoch(conn, new LedgerKey(gate.code, day),
                                        day.equals(to) ? epoch : "pg-" + UUID.randomUUID())).collect().asList())
                        .chain(() -> slotMoved ? check(conn, gate, amended, from.equals(to) ? Integer.MAX_VALUE : quota)
                                .map(queueNumber -> amended.withSlot(amended.slot(), queueNumber))
                                : Uni.createFrom().item(amended))
                        .chain(placed -> write.apply(conn, placed, epoch)))
                .onFailure(FallbackBooking::isLockTimeout).transform(e -> Problems.unavailable(
                        "slot changes are being decided without the admission cache; retry shortly", config.retryAfterSeconds()));
    }

    /** Under the lock, refuses a full slot or an exhausted firm quota; otherwise answers the booking's queue number. */
    private Uni<Integer> check(SqlConnection conn, Gate gate, Declaration draft, int quota) {
        LocalDate day = draft.slot().day();
        return PartitionDayQueries.holding(conn, day, day).chain(partitions -> check(conn, partitions, gate, draft, quota));
    }

    private Uni<Integer> check(SqlConnection conn, LocalDate[] partitions, Gate gate, Declaration draft, int quota) {
        Direction direction = draft.direction();
        OffsetDateTime start = draft.slot().start();
        LocalDate day = draft.slot().day();
        return SlotStatements.capacities(conn, gate, direction, day, day)
                .map(set -> set.getOrDefault(start, gate.defaultCapacity(direction)))
                .chain(capacity -> BookingStatements.placesHeldIn(conn, partitions, gate, direction, start).map(held -> {
                    if (held >= capacity) {
                        throw SlotFullAnswers.countedFull(draft.slot());
                    }
                    return held;
                }))
                .chain(() -> BookingStatements.placesHeldByFirm(conn, partitions, gate, day, draft.taxCode()))
                .chain(used -> used >= quota ? Uni.createFrom().failure(Refusals.quotaExceeded(gate, draft, quota))
                        : BookingStatements.nextQueueNumber(conn, partitions, gate, day, direction));
    }

    private static boolean isLockTimeout(Throwable e) {
        return e instanceof PgException pg && "55P03".equals(pg.getSqlState());
    }
}
