package vn.bordergate.driversignin;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.ProblemException;

import java.time.Clock;
import java.time.Instant;

/**
 * A driver signs in with the one-time code the firm passed on ({@link DriverSignInResource}) and gets a driver
 * token ({@link DriverTokens}) for the declaration's driver phone, valid 12 hours.
 */
@Path("/api/v1/driver-sessions")
@Tag(name = "Driver sign-in")
@SecurityScheme(securitySchemeName = "driverSignInCode", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = DriverSessionResource.SIGN_IN_CODE, description = "A driver's one-time sign-in code, from POST "
        + "/api/v1/declarations/{id}/driver-sign-in-codes: eight letters and digits, with or without the dash, any case")
public class DriverSessionResource {

    /** The header the code comes in: a credential, so never in a URL or a body that might be logged. */
    static final String SIGN_IN_CODE = "X-Sign-In-Code";


    /** The driver's token for this API. */
    public record DriverSession(
            @Schema(description = "Bearer token, role driver, for the declaration's driver phone") String accessToken,
            @Schema(description = "When the token expires") Instant expiresAt) {
    }

    private final SignInCodes codes;
    private final DriverTokens tokens;
    private final Clock clock;

    DriverSessionResource(SignInCodes codes, DriverTokens tokens, Clock clock) {
        this.codes = codes;
        this.tokens = tokens;
        this.clock = clock;
    }

    @POST
    @PermitAll
    @SecurityRequirement(name = "driverSignInCode")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signInDriver", summary = "A driver signs in with a one-time code",
            description = "No token needed: the code in X-Sign-In-Code is the credential, spent by this call whatever "
                    + "follows. A missing, unknown, spent or expired code answers 401 and changes nothing.")
    @APIResponse(responseCode = "201", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DriverSession.class)))
    @APIResponse(responseCode = "401", description = "sign-in-code-not-valid: missing, unknown, spent or expired")
    public Uni<Response> signIn(@HeaderParam(SIGN_IN_CODE) String code) {
        return codes.redeem(code).map(driver -> {
            if (driver == null) {
                throw new ProblemException(401, "sign-in-code-not-valid", "Sign-in code not valid",
                        "the code is unknown, already used or expired: ask the firm for a new one");
            }
            int space = driver.indexOf(' ');
            Instant now = clock.instant();
            String token = tokens.issue(driver.substring(0, space), driver.substring(space + 1), now);
            return Response.status(201).cacheControl(DriverSignInResource.noStore())
                    .entity(new DriverSession(token, now.plus(DriverTokens.LIFETIME))).build();
        });
    }
}
