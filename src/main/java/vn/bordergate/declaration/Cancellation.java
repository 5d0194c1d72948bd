package vn.bordergate.declaration;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.LedgerRebuild;
import vn.bordergate.slot.SlotLedger;

import java.util.UUID;

/** Cancelling a booking: committed in PostgreSQL first, then its place is given back in the ledger. */
@ApplicationScoped
public class Cancellation {

    private final Pool pool;
    private final DeclarationRepository repository;
    private final SlotLedger ledger;
    private final AuditTrail audit;

    public Cancellation(Pool pool, DeclarationRepository repository, SlotLedger ledger, AuditTrail audit) {
        this.pool = pool;
        this.repository = repository;
        this.ledger = ledger;
        this.audit = audit;
    }

    public Uni<Declaration> cancel(Caller caller, Declaration current, Integer ifMatch, String reason) {
        return pool.withTransaction(conn -> repository
                        .transition(conn, current, DeclarationStatus.BOOKED, DeclarationStatus.CANCELLED, ifMatch)
                        .call(stored -> stored == null ? Uni.createFrom().voidItem()
                                : audit.append(conn, DeclarationEvent.of(current.id(), "CANCELLED",
                                current.status().name(), DeclarationStatus.CANCELLED.name(), caller.subject(),
                                caller.role(), current.gateCode(), reason, null))))
                .chain(stored -> stored == null ? Uni.createFrom().failure(Transitions.notAllowed(current, "cancelled"))
                        : freePlace(stored).replaceWith(stored));
    }

    /** Gives back the place and the truck's day in the ledger; if Redis cannot be told, forces a rebuild. */
    Uni<Void> freePlace(Declaration d) {
        LedgerKey key = new LedgerKey(d.gateCode(), d.slot().day());
        return ledger.release(key, d.direction(), d.slot(), d.taxCode(), d.plateKey(), d.id(), true, null)
                .replaceWithVoid()
                .onFailure().call(() -> repairLedger(key))
                .onFailure().recoverWithNull();
    }

    /**
     * The ledger could not be told about a committed change: a new epoch in PostgreSQL makes the next
     * booking admitted by the stale ledger fail its fence, which rebuilds it.
     */
    Uni<Void> repairLedger(LedgerKey key) {
        Log.warnf("ledger %s could not be updated; forcing a rebuild", key);
        return pool.withTransaction(conn -> LedgerRebuild.newEpoch(conn, key, "stale-" + UUID.randomUUID()))
                .onFailure().invoke(e -> Log.errorf(e, "could not mark ledger %s stale", key))
                .onFailure().recoverWithNull();
    }
}
