package vn.bordergate.declaration.change;

import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.security.Caller;
import vn.bordergate.slot.Holding;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.SlotLedger;
import vn.bordergate.slot.SlotStatements;

import java.util.Set;
import java.util.UUID;

/**
 * Cancelling a booking, and giving back the place of any declaration that stops holding one (cancelled,
 * no-show, rejected): committed in PostgreSQL first, then released in the ledger.
 */
@ApplicationScoped
public class Cancellation {

    private final Pool pool;
    private final Transactions transactions;
    private final Lifecycle lifecycle;
    private final SlotLedger ledger;

    public Cancellation(Pool pool, Lifecycle lifecycle, SlotLedger ledger, Transactions transactions) {
        this.pool = pool;
        this.transactions = transactions;
        this.lifecycle = lifecycle;
        this.ledger = ledger;
    }

    public Uni<Declaration> cancel(Caller caller, Declaration current, Integer ifMatch, String reason) {
        Lifecycle.Change change = Lifecycle.Change.to(DeclarationStatus.CANCELLED, "CANCELLED").because(reason).atVersion(ifMatch);
        return transactions.run(conn -> lifecycle.move(conn, current, change, Actor.of(caller)))
                .call(this::freePlace);
    }

    /** Gives back the place and the truck's day in the ledger; if Redis cannot be told, forces a rebuild. */
    public Uni<Void> freePlace(Declaration d) {
        LedgerKey key = new LedgerKey(d.gateCode(), d.slot().day());
        return ledger.release(key, d.holding(), Holding.Part.all(), null)
                .replaceWithVoid()
                .onFailure().call(() -> repairLedger(key))
                .onFailure().recoverWithNull();
    }

    /** Gives back the truck's day once it has been released: the place stays used, the truck may book again. */
    public Uni<Void> freeTruck(Declaration d) {
        LedgerKey key = new LedgerKey(d.gateCode(), d.slot().day());
        return ledger.release(key, d.holding(), Set.of(Holding.Part.TRUCK_DAY), null)
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
        return pool.withTransaction(conn -> SlotStatements.newEpoch(conn, key, "stale-" + UUID.randomUUID()))
                .onFailure().invoke(e -> Log.errorf(e, "could not mark ledger %s stale", key))
                .onFailure().recoverWithNull();
    }
}
