package vn.bordergate.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.ProblemException;

import java.net.URI;
import java.time.Instant;

/**
 * An officer signs in to the console at the province's identity provider: {@code /console/sign-in} starts the
 * authorization-code flow with PKCE (Quarkus OIDC, the {@code console} tenant), the provider's login page comes
 * back here with a code, and the officer lands on the console with a session cookie. The console then asks
 * {@code /console/session} for the session's access token and calls the API with it as a bearer token, so an
 * officer can do exactly what their token allows, the same checks as for any other caller. The cookie is
 * HttpOnly and SameSite=Lax and only this path's GETs read it, so another site cannot act through it; signing
 * out ({@code /console/sign-out}, handled by Quarkus OIDC) ends the provider's session too.
 */
@Path("/console")
@Tag(name = "Console sign-in")
public class ConsoleSignIn {

    /** What the console needs to call the API: the access token and when it expires. */
    public record ConsoleSession(
            @Schema(description = "Bearer token for this API, issued by the identity provider") String accessToken,
            @Schema(description = "When the token expires; ask again shortly before") Instant expiresAt) {
    }

    private final SecurityIdentity identity;
    private final boolean offered;

    ConsoleSignIn(SecurityIdentity identity, @ConfigProperty(name = "quarkus.oidc.console.tenant-enabled") boolean offered) {
        this.identity = identity;
        this.offered = offered;
    }

    @GET
    @Path("/sign-in")
    // Public here: where sign-in is offered, the HTTP layer has already sent anyone not signed in to the
    // provider's login page (quarkus.http.auth.permission.console-sign-in); elsewhere there is nothing to do.
    @PermitAll
    @Operation(operationId = "signInToConsole", summary = "Sign an officer in at the identity provider",
            description = "A browser page, not an API call: redirects to the identity provider's login page and, once "
                    + "signed in, to the console. Only where the service is configured with an identity provider.")
    @APIResponse(responseCode = "303", description = "Signed in: go to the console")
    @APIResponse(responseCode = "404", description = "sign-in-not-offered: no identity provider is configured for the console")
    public Response signIn() {
        requireOffered();
        return Response.seeOther(URI.create("/console")).build();
    }

    private void requireOffered() {
        if (!offered) {
            throw new ProblemException(404, "sign-in-not-offered", "No sign-in at an identity provider here",
                    "this service is not configured with an identity provider for the console (BORDERGATE_OIDC_SIGN_IN)");
        }
    }

    @GET
    @Path("/sign-out")
    @PermitAll
    @Operation(operationId = "signOutOfConsole", summary = "Sign the officer out, here and at the identity provider",
            description = "A browser page, not an API call. With a session, Quarkus OIDC ends it and sends the browser to "
                    + "the provider's end-session endpoint, which ends the provider's session and comes back to the console. "
                    + "Without one, straight back to the console.")
    @APIResponse(responseCode = "303", description = "Not signed in (any more): go to the console")
    public Response signOut() {
        // Reading the identity authenticates the request (authentication is lazy here): with a session cookie, OIDC
        // answers this path with the redirect to the provider's end-session endpoint, and this method never runs.
        identity.isAnonymous();
        return Response.seeOther(URI.create("/console")).build();
    }

    @GET
    @Path("/session")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "consoleSession", summary = "The console session's access token",
            description = "For the console page itself: the access token of the officer signed in with this browser's "
                    + "session cookie, refreshed at the identity provider when it expires. 401 when not signed in.")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsoleSession.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "sign-in-not-offered: no identity provider is configured for the console")
    public Response session() {
        // Without a provider the console shows only the token sign-in: 404 tells it there is none to offer.
        requireOffered();
        AccessTokenCredential access = identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
        if (access == null || access.getToken() == null) {
            throw new ProblemException(401, "unauthenticated", "Not signed in",
                    "sign in at /console/sign-in with your account at the province's identity provider");
        }
        String token = access.getToken();
        Object expiry = VerifiedTokenCache.payloadOf(token).getValue("exp");
        Instant expiresAt = expiry instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : Instant.now();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new ConsoleSession(token, expiresAt)).cacheControl(noStore).build();
    }
}
