package vn.bordergate.notify;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.List;
import java.util.UUID;

/** A firm's webhooks: status changes of its declarations pushed to its own systems. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ENTERPRISE)
public class WebhookResource {

    static final String SIGNING = "Each delivery is a POST of JSON {eventId, type, declarationId, reference, gateCode, "
            + "fromStatus, toStatus, reason, occurredAt, data} with headers X-BorderGate-Timestamp (Unix seconds), "
            + "X-BorderGate-Signature: v1=<lower-case hex of HMAC-SHA256(key = secret as UTF-8, message = timestamp "
            + "+ \".\" + raw body)>, X-BorderGate-Event-Id (same on every retry: deduplicate on it) and "
            + "X-BorderGate-Delivery-Id. Verify over the raw bytes, compare in constant time, and refuse timestamps "
            + "more than 5 minutes off. Any 2xx answer (within 5 s) counts as delivered; anything else is retried "
            + "with exponential backoff (5 s, 10 s, 20 s ... at most 1 h apart) for 24 h after the event, in order "
            + "per declaration: a declaration's next event waits until the one before is delivered or given up.";

    private final WebhookRegistry registry;
    private final Caller caller;

    public WebhookResource(WebhookRegistry registry, Caller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "registerWebhook", summary = "Register a webhook; the signing secret is in this answer only",
            description = "Body: {\"url\": \"https://...\", \"eventTypes\": [\"DECLARED\", ...]} (no eventTypes: all). "
                    + "The URL must reach a public address. " + SIGNING)
    @APIResponse(responseCode = "201", description = "Registered; keep the secret, it is never shown again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegisteredWebhook.class)))
    @APIResponse(responseCode = "400", description = "Bad URL, non-public host or unknown event type (problem+json)")
    @APIResponse(responseCode = "409", description = "webhook-limit: the firm already has the most webhooks allowed")
    public Uni<Response> register(WebhookRequest request, UriInfo uri) {
        return registry.register(taxCode(), caller.subject(), request).map(w -> Response
                .created(uri.getBaseUriBuilder().path("api/v1/webhooks").path(w.id().toString()).build())
                .entity(RegisteredWebhook.of(w)).build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "Your firm's webhooks (without their secrets)")
    public Uni<List<WebhookView>> list() {
        return registry.list(taxCode()).map(all -> all.stream().map(WebhookView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook; its pending deliveries are dropped and no new ones are made")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") String id) {
        return registry.delete(taxCode(), webhookId(id)).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The webhook's delivery log, newest first",
            description = "Status PENDING (with nextAttemptAt), DELIVERED or FAILED, attempts so far and the receiver's "
                    + "last HTTP status or error. Cursor pagination: pass nextCursor as cursor for older entries.")
    public Uni<DeliveryPage> deliveries(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                        @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit) {
        return registry.deliveries(taxCode(), webhookId(id), cursor, limit);
    }

    private String taxCode() {
        String taxCode = caller.taxCode();
        if (taxCode == null || taxCode.isBlank()) {
            throw WebhookRegistry.forbiddenWithoutTaxCode();
        }
        return taxCode;
    }

    /** A malformed id names nothing: 404 like any webhook that is not yours. */
    private static UUID webhookId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("webhook " + id);
        }
    }
}
