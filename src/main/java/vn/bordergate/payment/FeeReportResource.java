package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.time.LocalDate;
import java.util.List;

/** The finance office's daily fee figures of a province, as JSON or as CSV for its spreadsheets. */
@Path("/api/v1/provinces/{province}")
@Tag(name = "Fees")
@RolesAllowed({Roles.FINANCE_OFFICER, Roles.ADMIN, Roles.AUDITOR})
public class FeeReportResource {

    private final FeeReports reports;
    private final Caller caller;

    public FeeReportResource(FeeReports reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/fee-reports")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "feeReport", summary = "Fee figures per day of crossing (at most 31 days)",
            description = "Trips, amount due, paid (less refunds) and due back, by customs regime and by the province's "
                    + "two report lines, with the collecting Centre's 10 % and the budget's 90 % of what was paid. "
                    + "Figures are computed from the trips as they stand. A finance officer of the province, an admin "
                    + "or an auditor. The same as CSV, one row per day: GET .../fee-reports.csv.")
    public Uni<FeeReport> json(@PathParam("province") String province,
                               @Parameter(description = "First slot day, e.g. 2026-12-01", required = true) @QueryParam("from") String from,
                               @Parameter(description = "Last slot day, at most 30 days after from", required = true) @QueryParam("to") String to) {
        return reports.of(caller, province, day("from", from), day("to", to));
    }

    @GET
    @Path("/fee-reports.csv")
    @Produces("text/csv")
    @Operation(operationId = "feeReportCsv", summary = "The same figures as CSV, one row per day and a total",
            description = "Columns: day, trips, unpriced_trips, due_vnd, paid_vnd, refund_due_vnd, vehicles_trips, "
                    + "vehicles_due_vnd, transshipment_trips, transshipment_due_vnd, centre_10pct_vnd, budget_90pct_vnd.")
    public Uni<String> csv(@PathParam("province") String province, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        return json(province, from, to).map(FeeReportResource::csv);
    }

    static String csv(FeeReport report) {
        StringBuilder csv = new StringBuilder("day,trips,unpriced_trips,due_vnd,paid_vnd,refund_due_vnd,"
                + "vehicles_trips,vehicles_due_vnd,transshipment_trips,transshipment_due_vnd,centre_10pct_vnd,budget_90pct_vnd\n");
        for (FeeReport.Day day : report.days()) {
            row(csv, day.day().toString(), day.figures());
        }
        row(csv, "total", report.total());
        return csv.toString();
    }

    private static void row(StringBuilder csv, String label, FeeReport.Figures f) {
        FeeReport.Line vehicles = f.byReportLine().get("VEHICLES");
        FeeReport.Line transshipment = f.byReportLine().get("TRANSSHIPMENT");
        csv.append(String.join(",", List.of(label, Long.toString(f.trips()), Long.toString(f.unpricedTrips()),
                Long.toString(f.dueVnd()), Long.toString(f.paidVnd()), Long.toString(f.refundDueVnd()),
                Long.toString(vehicles.trips()), Long.toString(vehicles.dueVnd()), Long.toString(transshipment.trips()),
                Long.toString(transshipment.dueVnd()), Long.toString(f.centreShareVnd()), Long.toString(f.budgetShareVnd()))))
                .append('\n');
    }

    private static LocalDate day(String name, String value) {
        if (value == null) {
            throw Problems.invalidField(name, "is required: a day such as 2026-12-01");
        }
        return Times.date(name, value);
    }
}
