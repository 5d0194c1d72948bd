package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
    private final GateClosures closures;
    private final Caller caller;

    public GateResource(GateCatalog catalog, GateOnboarding onboarding, GateClosures closures, Caller caller) {
        this.catalog = catalog;
        this.onboarding = onboarding;
        this.closures = closures;
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
    @APIResponse(responseCode = "201", description = "The gate as onboarded; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GateView.class)))
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

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Path("/{code}/closures")
    @Operation(operationId = "closeGate", summary = "Close a gate for a while (a holiday, a flood, an afternoon)",
            description = "Body: {\"from\": \"...+07:00\", \"to\": \"...+07:00\", \"reason\": {\"vi\": \"...\", \"en\": \"...\"}}. "
                    + "Slots overlapping [from, to) are no longer offered. Each BOOKED truck inside is moved to the open "
                    + "slot with room nearest its own (same direction, within the horizon, never a second booking of the "
                    + "truck on one day; event SLOT_MOVED with the reason), highest priority first; where there is none "
                    + "the gate cancels it (event CANCELLED, reason gate-closed). Firms hear of both through events, "
                    + "streams and webhooks. Checked-in and called trucks are left to the officers. Answers the "
                    + "closure's id, how many bookings moved and how many were cancelled, and which, listing only "
                    + "bookings the caller may read (a province admin: none; the firms are told). At most 62 days; for "
                    + "longer, deactivate the gate. from is from the start of the gate's today, to at most 366 days "
                    + "after it (400 otherwise, naming the range); only the days with a ledger (today to the day that "
                    + "opens next) are locked and recounted.")
    @APIResponse(responseCode = "201", description = "The closure, and the bookings it moved or cancelled; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClosureResult.class)))
    public Uni<Response> close(@PathParam("code") String code, ClosureRequest request) {
        return closures.close(caller, code, request).map(result -> Response.created(
                URI.create("/api/v1/gates/" + code + "/closures/" + result.id())).entity(result).build());
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Path("/{code}/closures/{id}")
    @Operation(operationId = "reopenGate", summary = "Reopen a closed gate early",
            description = "Its slots are offered again at once. Bookings moved or cancelled by the closure stay as they are.")
    @APIResponse(responseCode = "204", description = "Reopened")
    public Uni<Response> reopen(@PathParam("code") String code, @PathParam("id") String id) {
        return closures.reopen(caller, code, closureId(code, id)).map(done -> Response.noContent().build());
    }

    /** A closure id from the path: a malformed one names no closure (404). */
    private static java.util.UUID closureId(String code, String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw vn.bordergate.http.Problems.notFound("closure " + id + " of gate " + code);
        }
    }
}
