package vn.bordergate.slot;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Times;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.GateCatalog;

import java.time.LocalDate;
import java.util.List;

/** Slot availability per gate, direction and day: what a firm reads before it books. */
// Public on purpose: read by anyone, no token (everything else needs one).
@PermitAll
@Path("/api/v1/gates/{code}/slots")
@Tag(name = "Gates")
public class SlotResource {

    private final GateCatalog gates;
    private final SlotAvailability availability;
    private final SlotSchedule schedule;

    public SlotResource(GateCatalog gates, SlotAvailability availability, SlotSchedule schedule) {
        this.gates = gates;
        this.availability = availability;
        this.schedule = schedule;
    }

    @GET
    @Operation(operationId = "listSlots", summary = "Slots of one day with capacity, booked and available places",
            description = "Served from the admission ledger, which is exact: a place shown available is one a "
                    + "booking can take now. Times are in the gate's time zone. Slots inside a closure of the gate are "
                    + "not listed. A day not yet open for booking answers 409 booking-not-open with opensAt.")
    public Uni<List<SlotView>> slots(
            @PathParam("code") String code,
            @Parameter(description = "EXPORT or IMPORT", required = true) @QueryParam("direction") String direction,
            @Parameter(description = "Day in the gate's time zone (YYYY-MM-DD), from today to the end of the gate's "
                    + "booking horizon; default today") @QueryParam("date") String date) {
        Direction dir = Direction.parse(direction);
        return gates.require(code).chain(gate -> {
            LocalDate day = date == null ? schedule.today(gate) : Times.date("date", date);
            return availability.bookableDay(gate, dir, day);
        });
    }
}
