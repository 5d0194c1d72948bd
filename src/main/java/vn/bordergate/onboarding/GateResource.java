package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.gate.GateView;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.net.URI;
import java.util.List;

/** The border gates: public reference data, like a timetable; onboarded and changed by administrators. */
@Path("/api/v1/gates")
@Tag(name = "Gates")
public class GateResource {

    private final GateCatalog catalog;
    private final GateOnboarding onboarding;
    private final Caller caller;

    public GateResource(GateCatalog catalog, GateOnboarding onboarding, Caller caller) {
        this.catalog = catalog;
        this.onboarding = onboarding;
        this.caller = caller;
    }

    // Public on purpose: read by anyone, no token (everything else needs one).
    @GET
    @PermitAll
    @Operation(operationId = "listGates", summary = "List the border gates", description = "Codes are the identifiers used everywhere in this API.")
    public Uni<List<GateView>> list() {
        return catalog.all().map(gates -> gates.stream().map(GateView::of).toList());
    }

    @GET
    @PermitAll
    @Path("/{code}")
    @Operation(operationId = "getGate", summary = "One gate: province, weekly opening hours, slot length, booking horizon, default capacity per slot, and whether it takes bookings")
    public Uni<GateView> get(@PathParam("code") String code) {
        return catalog.require(code).map(GateView::of);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(operationId = "createGate", summary = "Onboard a gate",
            description = "An admin onboards a gate in any province, a province admin in the provinces of its "
                    + "token's provinces claim (403 otherwise). The gate takes bookings at once, on every instance, "
                    + "for the days of its booking horizon. 409 gate-exists when the code or the reference prefix "
                    + "is taken. The change is recorded for auditors (GET /api/v1/audit/gates/{code}).")
    public Uni<Response> create(GateRequest request) {
        return onboarding.create(caller, request).map(gate -> Response.created(URI.create("/api/v1/gates/" + gate.code()))
                .entity(gate).build());
    }

    @PATCH
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Path("/{code}")
    @Operation(operationId = "changeGate", summary = "Change a gate's configuration, or deactivate it",
            description = "Send only the fields that change. \"active\": false stops new bookings (409 gate-inactive); "
                    + "bookings already made keep their answer. Existing bookings are never moved or stranded: a change "
                    + "of hours, slot length, time zone or default capacity that would leave an active booking outside "
                    + "every slot, or a slot over its capacity, is refused with 409 gate-change-strands-bookings and "
                    + "the slots in the way (move them first with PUT /api/v1/gates/{code}/capacity). Anything else "
                    + "applies at once to the days from today. A province admin changes only its provinces' gates (403).")
    public Uni<GateView> change(@PathParam("code") String code, GateRequest request) {
        return onboarding.change(caller, code, request);
    }
}
