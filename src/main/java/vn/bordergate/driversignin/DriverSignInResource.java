package vn.bordergate.driversignin;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.declaration.Access;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.http.Ids;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.time.Clock;
import java.time.Instant;

/**
 * Drivers have no accounts: a firm asks for a one-time code for one of its declarations and passes it (or the
 * link holding it) to the truck's driver, who signs in with it on the driver page ({@link DriverSessionResource})
 * and gets a driver token for the declaration's phone. The code is spent by its first use and lives 15 minutes.
 */
@Path("/api/v1/declarations/{id}/driver-sign-in-codes")
@Tag(name = "Driver sign-in")
public class DriverSignInResource {

    /** A code to give the driver, and the driver page's link that signs in with it. */
    public record SignInCode(
            @Schema(description = "Eight letters and digits, typed with or without the dash, any case", example = "7KQ2-M9XD") String code,
            @Schema(description = "The driver page, signing in with the code (the code is after #, so it never reaches a server log)",
                    example = "/driver#code=7KQ2-M9XD") String link,
            @Schema(description = "After this the code is refused") Instant expiresAt) {
    }

    private final DeclarationListing declarations;
    private final SignInCodes codes;
    private final Caller caller;
    private final Clock clock;

    DriverSignInResource(DeclarationListing declarations, SignInCodes codes, Caller caller, Clock clock) {
        this.declarations = declarations;
        this.codes = codes;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.ENTERPRISE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueDriverSignInCode", summary = "A one-time sign-in code for the declaration's driver",
            description = "The declaring firm passes the code (or the link) to the driver, e.g. by SMS. The driver signs in "
                    + "with it once, within 15 minutes, and sees the trips of the declaration's driver phone. Only while "
                    + "the truck is on its way (BOOKED, CHECKED_IN, CALLED).")
    @APIResponse(responseCode = "201", description = "The code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignInCode.class)))
    @APIResponse(responseCode = "404", description = "No such declaration of this firm")
    @APIResponse(responseCode = "409", description = "invalid-state: the truck is no longer on its way (currentStatus)")
    public Uni<Response> issue(@PathParam("id") String id) {
        return declarations.visible(caller, Ids.declaration(id)).flatMap(d -> {
            if (!Access.canChange(caller, d)) {
                throw Problems.notFound("declaration " + id);
            }
            if (!DeclarationStatus.HOLDING_TRUCK.contains(d.status())) {
                throw Problems.conflict("invalid-state", "Not allowed in the current status",
                                "declaration " + d.reference() + " is " + d.status() + "; a driver signs in only while the truck is on its way")
                        .with(ProblemMember.CURRENT_STATUS, d.status());
            }
            Instant expiresAt = clock.instant().plus(SignInCodes.LIFETIME);
            return codes.issue(d.driverPhone(), d.reference()).map(code -> Response.status(201)
                    .cacheControl(noStore()).entity(new SignInCode(code, "/driver#code=" + code, expiresAt)).build());
        });
    }

    static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
