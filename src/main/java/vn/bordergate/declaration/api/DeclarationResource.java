package vn.bordergate.declaration.api;

import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.declaration.AmendRequest;
import vn.bordergate.declaration.BatchResult;
import vn.bordergate.declaration.CancelRequest;
import vn.bordergate.declaration.DeclarationPage;
import vn.bordergate.declaration.DeclarationRequest;
import vn.bordergate.declaration.DeclarationView;
import vn.bordergate.declaration.Versions;
import vn.bordergate.declaration.change.Amendment;
import vn.bordergate.declaration.change.Cancellation;
import vn.bordergate.declaration.idempotency.IdempotencyStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;
import vn.bordergate.http.Ids;
import vn.bordergate.http.ProblemResponses;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.List;

/** Truck declarations: the booking API that logistics firms' systems call. */
@Path("/api/v1/declarations")
@Tag(name = "Declarations")
public class DeclarationResource {

    private final DeclarationService service;
    private final DeclarationListing listing;
    private final Amendment amendment;
    private final Cancellation cancellation;
    private final AuditTrail audit;
    private final Caller caller;
    private final DeclarationFees fees;
    private final ObjectMapper json;

    public DeclarationResource(DeclarationService service, DeclarationListing listing, Amendment amendment,
                               Cancellation cancellation, AuditTrail audit, Caller caller,
                               ObjectMapper json, DeclarationFees fees) {
        this.service = service;
        this.listing = listing;
        this.amendment = amendment;
        this.cancellation = cancellation;
        this.audit = audit;
        this.caller = caller;
        this.fees = fees;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "declareTruck", summary = "Declare a truck and book its slot",
            description = "Books the slot given in slotStart, or the earliest slot with room when slotStart is omitted. "
                    + "The declaration is committed before the 201 is sent. Retrying with the same Idempotency-Key and "
                    + "body returns the same answer, except after a slot-full refusal: it changed nothing, so the retry "
                    + "is decided again. The same key with another body is a 422.")
    @APIResponse(responseCode = "201", description = "Booked; Location names the declaration, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclarationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with an errors array)")
    @APIResponse(responseCode = "409", description = "slot-full (with alternatives), quota-exceeded or vehicle-already-booked")
    @APIResponse(responseCode = "429", description = "This instance has its limit of bookings in progress; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Temporarily unable to decide; retry after Retry-After seconds")
    public Uni<Response> declare(
            @Parameter(description = "Unique per declaration attempt, e.g. a UUID: 1 to 200 characters, no control "
                    + "characters", required = true,
                    schema = @Schema(type = SchemaType.STRING, maxLength = IdempotencyStore.MAX_KEY))
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            DeclarationRequest request, UriInfo uri) {
        return service.declare(caller, request, idempotencyKey).map(view -> Response
                .created(uri.getBaseUriBuilder().path("api/v1/declarations").path(view.id().toString()).build())
                .tag(Integer.toString(view.version()))
                .entity(view).build());
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "declareTrucks", summary = "Declare up to 100 trucks at once",
            description = "Body: a JSON array of declarations. Each item is admitted or refused on its own, in order; the "
                    + "answer has one result per item (status 201 with the declaration, or the item's problem). "
                    + "Retrying the batch with the same Idempotency-Key replays each item's answer.")
    public Uni<BatchResult> declareBatch(
            @Parameter(description = "Unique per batch, e.g. a UUID: 1 to 200 characters, no control characters. Each "
                    + "item is answered under this key and its position, apart from every single declaration's key",
                    required = true, schema = @Schema(type = SchemaType.STRING, maxLength = IdempotencyStore.MAX_KEY))
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            List<DeclarationRequest> items, UriInfo uri) {
        return service.declareBatch(caller, items, idempotencyKey).map(results -> {
            List<BatchResult.Item> rendered = results.stream().map(r -> r.problem() == null
                    ? new BatchResult.Item(r.index(), 201, r.declaration(), null)
                    : new BatchResult.Item(r.index(), r.problem().status(), null, ProblemResponses.render(r.problem(), uri)))
                    .toList();
            int accepted = (int) rendered.stream().filter(i -> i.status() == 201).count();
            return new BatchResult(accepted, rendered.size() - accepted, rendered);
        });
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "getDeclaration", summary = "One declaration (its firm, its driver, officers of its gate)")
    @APIResponse(responseCode = "200", description = "The declaration, online or from the archive; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclarationView.class)))
    @APIResponse(responseCode = "410", description = "Booked on a day whose records were deleted at the end of their "
            + "legal retention (problem+json)")
    public Uni<Response> get(@PathParam("id") String id) {
        return listing.visible(caller, Ids.declaration(id)).chain(fees::view).map(view -> withVersion(Response.ok(), view));
    }

    @GET
    @Authenticated
    @Operation(operationId = "listDeclarations", summary = "List the declarations you may see, oldest first",
            description = "Ordered by the day they were booked (UTC), then by booking time. Cursor pagination: pass "
                    + "nextCursor from one page as cursor to get the next; a page is as fast deep in years of history "
                    + "as at the start. With date, only that slot day's declarations.")
    public Uni<DeclarationPage> list(@QueryParam("gate") String gate,
                                     @Parameter(description = "A status, e.g. BOOKED") @QueryParam("status") String status,
                                     @Parameter(description = "Slot day, YYYY-MM-DD") @QueryParam("date") String date,
                                     @QueryParam("cursor") String cursor,
                                     @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit) {
        return listing.page(caller, gate, status, date, cursor, limit);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ENTERPRISE)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "amendDeclaration", summary = "Amend driver, cargo, vehicle or slot before check-in",
            description = "Send If-Match with the version from the ETag (412 when stale). Each part given replaces that "
                    + "part whole. A slot change claims the new place before the old one is given back.")
    @APIResponse(responseCode = "200", description = "The amended declaration; ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclarationView.class)))
    public Uni<Response> amend(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, AmendRequest request) {
        return amendment.amend(caller, Ids.declaration(id), Versions.parseIfMatch(ifMatch), request)
                .chain(fees::view).map(view -> withVersion(Response.ok(), view));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.ENTERPRISE)
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "cancelDeclaration", summary = "Cancel a booking before check-in; its place is freed at once",
            description = "The body is optional: {\"reason\": \"...\"} is kept in the audit trail. If-Match is optional.")
    @APIResponse(responseCode = "200", description = "The cancelled declaration; ETag is its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclarationView.class)))
    public Uni<Response> cancel(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                @RequestBody(required = false, description = "Optional: why, kept in the audit trail",
                                        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                                schema = @Schema(implementation = CancelRequest.class)))
                                String body) {
        Integer version = Versions.parseIfMatch(ifMatch);
        String reason = CancelRequest.parse(json, body).reason();
        return amendment.changeable(caller, Ids.declaration(id), version)
                .chain(d -> cancellation.cancel(caller, d, version, reason))
                .chain(fees::view).map(view -> withVersion(Response.ok(), view));
    }

    @GET
    @Path("/{id}/events")
    @Authenticated
    @Operation(operationId = "listDeclarationEvents", summary = "The declaration's audit trail: every change, who made it and when",
            description = "Oldest first; a declaration of an archived day is read from the archive.")
    public Uni<List<DeclarationEvent>> events(@PathParam("id") String id) {
        return listing.visible(caller, Ids.declaration(id)).chain(d -> audit.of(d.id()))
                .map(events -> caller.isTradeParty() ? events.stream().map(DeclarationEvent::asSeenByTradeParty).toList() : events);
    }

    private static Response withVersion(Response.ResponseBuilder response, DeclarationView view) {
        return response.tag(Integer.toString(view.version())).entity(view).build();
    }
}
