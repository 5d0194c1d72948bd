package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.List;

/** The waiting yard of a gate: check-in, the queue, and calling trucks to the gate. */
@Path("/api/v1/gates/{code}")
@Tag(name = "Yard")
public class YardResource {

    private final GateCatalog gates;
    private final CheckIn checkIn;
    private final YardQueue yard;
    private final CallUp callUp;
    private final Caller caller;
    private final DeclarationFees fees;

    public YardResource(GateCatalog gates, CheckIn checkIn, YardQueue yard, CallUp callUp, Caller caller,
                        DeclarationFees fees) {
        this.gates = gates;
        this.checkIn = checkIn;
        this.yard = yard;
        this.callUp = callUp;
        this.caller = caller;
        this.fees = fees;
    }

    @POST
    @Path("/check-ins")
    @RolesAllowed(Roles.YARD_OFFICER)
    @Operation(operationId = "checkInTruck", summary = "Check a booked truck into the waiting yard",
            description = "Body: {\"token\": \"<scanned QR token>\"} or {\"plate\": \"29C-123.45\", \"direction\": \"EXPORT\"}. "
                    + "Accepted from slot start − 30 min to slot end + 30 min; outside it a 409 names the window.")
    @APIResponse(responseCode = "201", description = "Checked in: the declaration, now CHECKED_IN",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeclarationView.class)))
    public Uni<Response> checkIn(@PathParam("code") String code, CheckInRequest request) {
        return atMyGate(code).chain(() -> checkIn.checkIn(caller, code, request))
                .chain(fees::view).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/yard")
    @RolesAllowed({Roles.YARD_OFFICER, Roles.GATE_SUPERVISOR, Roles.CUSTOMS, Roles.BORDER_GUARD, Roles.QUARANTINE,
            Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getYardQueue", summary = "Trucks waiting in the yard, in call-up order",
            description = "Order: trucks that missed a call go last; then perishables first; then slot start; then check-in time.")
    public Uni<List<YardEntry>> yard(@PathParam("code") String code, @QueryParam("direction") String direction) {
        Direction dir = Direction.parse(direction);
        return atMyGate(code).chain(() -> yard.entries(code, dir));
    }

    @POST
    @Path("/calls")
    @RolesAllowed(Roles.GATE_SUPERVISOR)
    @Operation(operationId = "callTrucks", summary = "Call the next trucks from the yard to the gate",
            description = "Body: {\"direction\": \"EXPORT\", \"count\": 5}. Each called truck must be at the gate within "
                    + "20 minutes; a first miss sends it to the back of the queue, a second makes it a no-show.")
    public Uni<List<CallUp.Called>> call(@PathParam("code") String code, CallUp.Request request) {
        return atMyGate(code).chain(() -> callUp.call(caller, code, request));
    }

    private Uni<Void> atMyGate(String code) {
        return gates.require(code).invoke(gate -> caller.requireGate(code)).replaceWithVoid();
    }
}
