package vn.bordergate.inspection;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Ids;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

/** Agency inspections of a called truck. */
@Path("/api/v1/declarations/{id}/inspections")
@Tag(name = "Inspection")
public class InspectionResource {

    private final Inspections inspections;
    private final DeclarationListing declarations;
    private final Caller caller;

    public InspectionResource(Inspections inspections, DeclarationListing declarations, Caller caller) {
        this.inspections = inspections;
        this.declarations = declarations;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.CUSTOMS, Roles.BORDER_GUARD, Roles.QUARANTINE})
    @Operation(operationId = "recordInspection", summary = "Record your agency's decision on a called truck",
            description = "Body: {\"decision\": \"CLEARED\" | \"HOLD\" | \"REJECTED\", \"note\": \"...\"}. The agency is your "
                    + "role. Customs and border guard always decide; quarantine too for FRESH_FRUIT, AGRICULTURAL and FROZEN. "
                    + "All required CLEARED releases the truck; any REJECTED rejects it; HOLD is recorded and may later be "
                    + "cleared by the same agency. Repeating the same decision changes nothing.")
    public Uni<InspectionView> decide(@PathParam("id") String id, InspectionRequest request) {
        return inspections.decide(caller, Ids.declaration(id), request);
    }

    @GET
    @Authenticated
    @Operation(operationId = "getInspections", summary = "Each agency's latest decision and which are still pending")
    public Uni<InspectionView> list(@PathParam("id") String id) {
        return declarations.visible(caller, Ids.declaration(id)).chain(inspections::of)
                .map(view -> caller.isTradeParty() ? view.asSeenByTradeParty() : view);
    }
}
