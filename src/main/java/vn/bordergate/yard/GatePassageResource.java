package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.http.Ids;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

/** The truck at the gate itself: its arrival after a call, and its exit across the border once released. */
@Path("/api/v1/declarations/{id}")
@Tag(name = "Gate")
public class GatePassageResource {

    private final GatePassage passage;
    private final Caller caller;
    private final DeclarationFees fees;

    public GatePassageResource(GatePassage passage, Caller caller, DeclarationFees fees) {
        this.passage = passage;
        this.caller = caller;
        this.fees = fees;
    }

    @POST
    @Path("/arrival")
    @RolesAllowed(Roles.GATE_SUPERVISOR)
    @Operation(operationId = "recordArrival", summary = "Record that a called truck is at the gate; its call deadline stops")
    public Uni<DeclarationView> arrival(@PathParam("id") String id) {
        return passage.arrived(caller, Ids.declaration(id)).chain(fees::view);
    }

    @POST
    @Path("/exit")
    @RolesAllowed({Roles.GATE_SUPERVISOR, Roles.BORDER_GUARD})
    @Operation(operationId = "recordExit", summary = "Record that a released truck crossed the border (RELEASED → EXITED)")
    public Uni<DeclarationView> exit(@PathParam("id") String id) {
        return passage.exited(caller, Ids.declaration(id)).chain(fees::view);
    }
}
