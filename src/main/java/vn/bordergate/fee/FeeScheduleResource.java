package vn.bordergate.fee;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.gate.Province;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A province's fee schedules: public to read (the rates are law), set by that province's admin. */
@Path("/api/v1/provinces/{province}/fee-schedules")
@Tag(name = "Fees")
public class FeeScheduleResource {

    private final FeeSchedules schedules;
    private final FeeScheduleRepository repository;
    private final Caller caller;

    public FeeScheduleResource(FeeSchedules schedules, FeeScheduleRepository repository, Caller caller) {
        this.schedules = schedules;
        this.repository = repository;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listFeeSchedules", summary = "A province's fee schedules, oldest first",
            description = "Each version applies from its effectiveFrom day (in Viet Nam) until the next version's. "
                    + "A partial version names the bands it does not hold yet in missingBands.")
    public Uni<List<FeeSchedule>> list(@PathParam("province") String province) {
        return requireProvince(province).chain(() -> schedules.versionsOf(province));
    }

    @PUT
    @Path("/{effectiveFrom}")
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(operationId = "setFeeSchedule", summary = "Set the province's fee schedule from a day (its admin or an admin)",
            description = "Adds the version in force from effectiveFrom, or replaces that day's version while the day "
                    + "has not begun in Viet Nam. A version whose day has begun is never changed: 409 "
                    + "schedule-in-force; add one from a later day instead. Every change enters the change log of "
                    + "each gate of the province (GET /api/v1/audit/gates/{code}). Other instances price with it "
                    + "within 30 seconds.")
    @APIResponse(responseCode = "201", description = "A new version was added; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeeSchedule.class)))
    @APIResponse(responseCode = "200", description = "A version not yet in force was replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeeSchedule.class)))
    @APIResponse(responseCode = "409", description = "schedule-in-force: that day's version already applies")
    public Uni<Response> set(@PathParam("province") String province,
                             @Parameter(description = "ISO date, e.g. 2027-01-01") @PathParam("effectiveFrom") String effectiveFrom,
                             FeeSchedule body) {
        LocalDate day = day(effectiveFrom);
        List<FieldError> errors = FeeScheduleRules.check(body);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        caller.requireAdministers(province);
        LocalDate firstChangeable = schedules.firstChangeableDay();
        if (day.isBefore(firstChangeable)) {
            throw inForce(day, firstChangeable);
        }
        FeeSchedule schedule = body.as(province, day);
        return requireProvince(province)
                .chain(() -> repository.set(schedule, caller.subject(), caller.role()))
                .onItem().ifNull().failWith(() -> inForce(day, firstChangeable))
                .map(outcome -> {
                    schedules.invalidate();
                    return (outcome == FeeScheduleRepository.Outcome.ADDED
                            ? Response.created(URI.create("/api/v1/provinces/" + province + "/fee-schedules/" + day))
                            : Response.ok()).entity(schedule).build();
                });
    }

    private static ProblemException inForce(LocalDate day, LocalDate firstChangeable) {
        return new ProblemException(409, "schedule-in-force", "Schedule day has begun",
                "a version is set only for a day from " + firstChangeable + " on; what applies on " + day
                        + " stays as it is");
    }

    private static Uni<Void> requireProvince(String code) {
        return Panache.withSession(() -> Province.<Province>findById(code))
                .onItem().ifNull().failWith(() -> Problems.notFound("province " + code)).replaceWithVoid();
    }

    private static LocalDate day(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField("effectiveFrom", "must be an ISO date, e.g. 2027-01-01");
        }
    }
}
