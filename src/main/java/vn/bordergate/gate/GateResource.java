package vn.bordergate.gate;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Reference data about the border gates; public, like a timetable. */
// Public on purpose: read by anyone, no token (everything else needs one).
@PermitAll
@Path("/api/v1/gates")
@Tag(name = "Gates")
public class GateResource {

    private final GateCatalog catalog;

    public GateResource(GateCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(operationId = "listGates", summary = "List the border gates", description = "Codes are the identifiers used everywhere in this API.")
    public Uni<List<GateView>> list() {
        return catalog.all().map(gates -> gates.stream().map(GateView::of).toList());
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getGate", summary = "One gate: opening hours, slot length, booking horizon and default capacity per slot")
    public Uni<GateView> get(@PathParam("code") String code) {
        return catalog.require(code).map(GateView::of);
    }
}
