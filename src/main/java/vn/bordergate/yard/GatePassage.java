package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.payment.CollectorConfig;
import vn.bordergate.payment.Payments;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.persistence.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.lifecycle.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.security.Caller;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A truck at the gate itself: a called truck arrives (its call deadline stops counting), a released truck
 * exits across the border. Only officers working at the declaration's gate may record either.
 */
@ApplicationScoped
class GatePassage {

    private final Transactions transactions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final Payments payments;
    private final Clock clock;

    GatePassage(Transactions transactions, DeclarationRepository declarations, Lifecycle lifecycle, Payments payments,
                Clock clock) {
        this.transactions = transactions;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.payments = payments;
        this.clock = clock;
    }

    Uni<Declaration> arrived(Caller caller, UUID id) {
        return atTheirGate(caller, id, (conn, d) -> {
            if (d.status() != DeclarationStatus.CALLED) {
                throw Problems.conflict("invalid-state", "Not called", "declaration " + d.reference() + " is "
                        + d.status() + "; arrival is recorded for CALLED trucks").with(ProblemMember.CURRENT_STATUS, d.status());
            }
            return lifecycle.note(conn, d, "ARRIVED", Actor.of(caller), null, Stamp.arrived(OffsetDateTime.now(clock)));
        });
    }

    /** Leaving the yard for the border: where a province that requires it stops a trip whose fee is unpaid. */
    Uni<Declaration> exited(Caller caller, UUID id) {
        return atTheirGate(caller, id, (conn, d) -> (d.status() == DeclarationStatus.RELEASED
                ? payments.requirePaid(conn, d, CollectorConfig.PaymentRequiredAt.EXIT) : Uni.createFrom().voidItem())
                .chain(() -> lifecycle.move(conn, d, Lifecycle.Change.to(DeclarationStatus.EXITED, "EXITED")
                        .stamping(Stamp.exited(OffsetDateTime.now(clock))), Actor.of(caller))));
    }

    /** Locks the declaration and applies the change, answering 404 for one at a gate the caller does not work at. */
    private Uni<Declaration> atTheirGate(Caller caller, UUID id, BiFunction<SqlConnection, Declaration, Uni<Declaration>> change) {
        return transactions.run(conn -> declarations.lock(conn, id).chain(d -> {
            if (d == null || !caller.worksAt(d.gateCode())) {
                throw Problems.notFound("declaration " + id);
            }
            return change.apply(conn, d);
        }));
    }
}
