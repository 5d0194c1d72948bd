package vn.bordergate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Ids;
import vn.bordergate.common.Language;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.live.Heartbeats;
import vn.bordergate.live.LiveConfig;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.UUID;

/** Follow one declaration live: for the firm's systems, the driver's app and the gate's officers. */
@Path("/api/v1/declarations/{id}/stream")
@Tag(name = "Live")
public class DeclarationStreamResource {

    private final DeclarationListing declarations;
    private final DeclarationStream stream;
    private final LiveConfig config;
    private final Caller caller;
    private final ObjectMapper json;

    public DeclarationStreamResource(DeclarationListing declarations, DeclarationStream stream, LiveConfig config,
                                     Caller caller, ObjectMapper json) {
        this.declarations = declarations;
        this.stream = stream;
        this.config = config;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Authenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "followDeclaration", summary = "Server-sent events: one `status` event per status change, a heartbeat comment every 15 s",
            description = "Each event's id is its sequence in the audit trail; reconnect with Last-Event-ID to get what "
                    + "you missed, replayed from the database. statusText follows Accept-Language (vi or en; Vietnamese "
                    + "by default for drivers, English otherwise). The stream ends after an end state. Browsers, whose "
                    + "EventSource cannot send headers, pass ?ticket= from POST /api/v1/stream-tickets instead of the token.")
    public Multi<OutboundSseEvent> follow(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                                          // Read and spent by StreamTicketLogin before this runs; declared for the docs.
                                          @Parameter(description = "For browsers, instead of the Authorization header: a "
                                                  + "ticket from POST /api/v1/stream-tickets, valid once, for 30 s",
                                                  schema = @Schema(maxLength = 64)) @QueryParam("ticket") String ticket,
                                          @Parameter(description = "Same as the Last-Event-ID header, for a browser opening a "
                                                  + "new EventSource after its ticket was spent; the header wins",
                                                  schema = @Schema(maxLength = 20)) @QueryParam("after") String after,
                                          @Context Sse sse, @Context HttpHeaders headers) {
        UUID declarationId = Ids.declaration(id);
        long lastSeen = parse(lastEventId != null ? lastEventId : after);
        Language language = Language.preferred(headers.getAcceptableLanguages(),
                caller.is(Roles.DRIVER) ? Language.VI : Language.EN);
        // StreamAccessFilter has already refused anyone who may not see it, with a proper 404.
        return declarations.visible(caller, declarationId).onItem().transformToMulti(d -> {
            Multi<OutboundSseEvent> updates = stream.updates(declarationId, lastSeen, language)
                    .map(u -> sse.newEventBuilder().id(Long.toString(u.sequence())).name("status")
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(write(u)).build());
            Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                    .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
            return Heartbeats.until(updates, heartbeats);
        });
    }

    private String write(StatusUpdate update) {
        try {
            return json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parse(String lastEventId) {
        try {
            return lastEventId == null ? 0 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
