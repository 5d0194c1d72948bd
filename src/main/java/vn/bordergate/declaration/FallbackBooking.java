package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.common.Problems;
import vn.bordergate.common.Transactions;
import vn.bordergate.gate.Gate;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.AdmissionConfig;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.SlotStatements;

import java.util.UUID;

/**
 * Admission decided by PostgreSQL alone, used while Redis is unreachable: bookings of one gate-day are
 * serialised by an exclusive advisory lock and counted from the table, so they stay exact, only slower.
 * Each one writes a new ledger epoch, so the Redis ledger (which does not know them) is rebuilt before
 * it admits anything again. A booking that cannot get the lock in time is refused with 503.
 */
@ApplicationScoped
public class FallbackBooking {

    private static final String PLACES = "status IN ('BOOKED','CHECKED_IN','CALLED','RELEASED','EXITED')";

    private final Transactions transactions;
    private final DeclarationRepository declarations;
    private final AuditTrail audit;
    private final AdmissionConfig config;
    private final IdempotencyStore idempotencyStore;

    public FallbackBooking(DeclarationRepository declarations, AuditTrail audit, AdmissionConfig config,
                           IdempotencyStore idempotencyStore, Transactions transactions) {
        this.transactions = transactions;
        this.declarations = declarations;
        this.audit = audit;
        this.config = config;
        this.idempotencyStore = idempotencyStore;
    }

    public Uni<Declaration> book(Gate gate, Declaration draft, int quota, Caller caller,
                                 IdempotencyStore.Key idempotency) {
        LedgerKey key = new LedgerKey(gate.code, draft.slot().day());
        String epoch = "pg-" + UUID.randomUUID();
        return transactions.run(conn -> conn
                        .query("SET LOCAL lock_timeout = '" + config.fallbackLockTimeout().toMillis() + "ms'").execute()
                        .chain(() -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                                .execute(Tuple.of(key.lockName())))
                        .chain(() -> SlotStatements.newEpoch(conn, key, epoch))
                        .chain(() -> check(conn, gate, draft, quota))
                        .chain(queueNumber -> declarations.insertFenced(conn, draft.withSlot(draft.slot(), queueNumber),
                                Booking.referencePrefix(gate, draft), epoch))
                        .call(stored -> audit.appendFirst(conn, Booking.declared(stored, caller))
                                .chain(() -> idempotencyStore.rememberCreated(conn, idempotency.owner(), idempotency.key(),
                                        idempotency.requestHash(), stored.id()))))
                .onFailure(FallbackBooking::isLockTimeout).transform(e -> Problems.unavailable(
                        "bookings are being decided without the admission cache; retry shortly", config.retryAfterSeconds()))
                .onFailure(Booking::isPlateTaken).transform(e -> Booking.vehicleAlreadyBooked(draft));
    }

    /** Checks capacity, quota and the truck under the lock; answers the next queue number. */
    private Uni<Integer> check(SqlConnection conn, Gate gate, Declaration draft, int quota) {
        Tuple slot = Tuple.of(gate.code, draft.direction().name(), draft.slot().start(), gate.defaultCapacity(draft.direction()));
        return conn.preparedQuery("SELECT coalesce((SELECT capacity FROM slot_capacities WHERE gate_code = $1 "
                        + "AND direction = $2 AND slot_start = $3), $4) AS capacity, (SELECT count(*) FROM declarations "
                        + "WHERE gate_code = $1 AND direction = $2 AND slot_start = $3 AND " + PLACES + ") AS used")
                .execute(slot)
                .chain(rows -> {
                    var row = rows.iterator().next();
                    if (row.getLong("used") >= row.getInteger("capacity")) {
                        return Uni.createFrom().failure(Problems.conflict("slot-full", "Slot is full",
                                "the slot starting " + draft.slot().start() + " has no place left")
                                .with("alternatives", java.util.List.of()));
                    }
                    return conn.preparedQuery("SELECT count(*) AS n FROM declarations WHERE gate_code = $1 "
                                    + "AND slot_day = $2 AND tax_code = $3 AND " + PLACES)
                            .execute(Tuple.of(gate.code, draft.slot().day(), draft.taxCode()));
                })
                .chain(rows -> rows.iterator().next().getLong("n") >= quota
                        ? Uni.createFrom().failure(Booking.quotaExceeded(gate, draft, quota))
                        : conn.preparedQuery("SELECT coalesce(max(queue_number), 0) + 1 AS next FROM declarations "
                                + "WHERE gate_code = $1 AND slot_day = $2 AND direction = $3")
                        .execute(Tuple.of(gate.code, draft.slot().day(), draft.direction().name()))
                        .map(next -> next.iterator().next().getInteger("next")));
    }

    private static boolean isLockTimeout(Throwable e) {
        return e instanceof PgException pg && "55P03".equals(pg.getSqlState());
    }
}
