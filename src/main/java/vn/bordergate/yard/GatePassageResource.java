package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.common.Ids;
import vn.bordergate.common.Problems;
import vn.bordergate.common.Transactions;
import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.declaration.Lifecycle;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.BiFunction;

/** The truck at the gate itself: its arrival after a call, and its exit across the border once released. */
@Path("/api/v1/declarations/{id}")
@Tag(name = "Gate")
public class GatePassageResource {

    private final Transactions transactions;
    private final DeclarationRepository declarations;
    private final Lifecycle lifecycle;
    private final Caller caller;
    private final Clock clock;

    public GatePassageResource(DeclarationRepository declarations, Lifecycle lifecycle, Caller caller, Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.declarations = declarations;
        this.lifecycle = lifecycle;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/arrival")
    @RolesAllowed(Roles.GATE_SUPERVISOR)
    @Operation(operationId = "recordArrival", summary = "Record that a called truck is at the gate; its call deadline stops")
    public Uni<DeclarationView> arrival(@PathParam("id") String id) {
        return atMyGate(Ids.declaration(id), (conn, d) -> {
            if (d.status() != DeclarationStatus.CALLED) {
                throw Problems.conflict("invalid-state", "Not called", "declaration " + d.reference() + " is "
                        + d.status() + "; arrival is recorded for CALLED trucks").with("currentStatus", d.status());
            }
            return lifecycle.note(conn, d, "ARRIVED", Actor.of(caller), null, Stamp.arrived(OffsetDateTime.now(clock)));
        });
    }

    @POST
    @Path("/exit")
    @RolesAllowed({Roles.GATE_SUPERVISOR, Roles.BORDER_GUARD})
    @Operation(operationId = "recordExit", summary = "Record that a released truck crossed the border (RELEASED → EXITED)")
    public Uni<DeclarationView> exit(@PathParam("id") String id) {
        return atMyGate(Ids.declaration(id), (conn, d) -> lifecycle.move(conn, d,
                Lifecycle.Change.to(DeclarationStatus.EXITED, "EXITED").stamping(Stamp.exited(OffsetDateTime.now(clock))),
                Actor.of(caller)));
    }

    private Uni<DeclarationView> atMyGate(UUID id, BiFunction<SqlConnection, Declaration, Uni<Declaration>> change) {
        return transactions.run(conn -> declarations.lock(conn, id).chain(d -> {
            if (d == null || !caller.worksAt(d.gateCode())) {
                throw Problems.notFound("declaration " + id);
            }
            return change.apply(conn, d);
        })).map(DeclarationView::of);
    }
}
