package vn.bordergate.capacitychange;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.declaration.Actor;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

/** Adjusting a gate's capacity when the other side's clearance rate changes. */
@Path("/api/v1/gates/{code}/capacity")
@Tag(name = "Gates")
public class CapacityResource {

    private final GateCatalog gates;
    private final CapacityChange change;
    private final Caller caller;

    public CapacityResource(GateCatalog gates, CapacityChange change, Caller caller) {
        this.gates = gates;
        this.change = change;
        this.caller = caller;
    }

    @PUT
    @RolesAllowed({Roles.GATE_SUPERVISOR, Roles.ADMIN})
    @Operation(operationId = "setCapacity", summary = "Set the capacity per slot for a time range",
            description = "Body: {\"direction\": \"IMPORT\", \"from\": \"2026-11-29T07:00:00+07:00\", \"to\": "
                    + "\"2026-11-29T12:00:00+07:00\", \"capacityPerSlot\": 10}. Applies to slots starting in [from, to). "
                    + "Raising opens places at once. Lowering below the bookings moves the overflow (lowest priority "
                    + "first, then latest booked) into the next slots with room, in their original order, records an "
                    + "event for each, and returns what moved. Checked-in trucks never move. The range lies within "
                    + "the days that have a ledger: from the start of the gate's today to the end of the day that "
                    + "opens next for booking (400 otherwise, naming the allowed range).")
    public Uni<CapacityChangeResult> set(@PathParam("code") String code, CapacityRequest request) {
        return gates.require(code).chain(gate -> {
            caller.requireGate(code);
            return change.apply(gate, request, Actor.of(caller));
        });
    }

    @POST
    @Path("/preview")
    @RolesAllowed({Roles.GATE_SUPERVISOR, Roles.ADMIN})
    @Operation(operationId = "previewCapacity", summary = "What setting this capacity would do now, without doing it",
            description = "Same body and same answer as PUT: the slots it would set, the bookings it would move and "
                    + "where to, and those it could not place. Worked out exactly as the change (same locks, same rows) "
                    + "in a transaction that is rolled back: nothing is written, moved or announced. A booking made "
                    + "between the preview and the change can make the change differ.")
    public Uni<CapacityChangeResult> preview(@PathParam("code") String code, CapacityRequest request) {
        return gates.require(code).chain(gate -> {
            caller.requireGate(code);
            return change.preview(gate, request, Actor.of(caller));
        });
    }
}
