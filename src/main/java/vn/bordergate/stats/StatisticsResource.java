package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Times;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.time.LocalDate;

/** Per-gate statistics for supervisors, auditors and the province: counts, no-show rate, waits, yard size. */
@Path("/api/v1/stats/gates/{code}")
@Tag(name = "Statistics")
public class StatisticsResource {

    private final StatisticsReport report;
    private final GateCatalog gates;
    private final Caller caller;

    public StatisticsResource(StatisticsReport report, GateCatalog gates, Caller caller) {
        this.report = report;
        this.gates = gates;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.GATE_SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getGateStatistics", summary = "Per day and direction: counts per status, no-show rate, median and p90 wait from check-in to exit",
            description = "from and to are slot days (YYYY-MM-DD, inclusive; default today), covering at most 366 days. "
                    + "The days' figures come from roll-ups kept every few seconds: they are exact as of figuresAsOf "
                    + "(null until the first roll-up after a fresh install). "
                    + "yardNow is the number of trucks waiting in the yard per direction at this moment.")
    public Uni<GateStatistics> stats(@PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        return gates.require(code).chain(gate -> {
            caller.requireGate(code);
            LocalDate first = from == null ? null : Times.date("from", from);
            return report.of(gate, first, to == null ? first : Times.date("to", to));
        });
    }
}
