package vn.bordergate.board;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.common.Language;
import vn.bordergate.gate.GateCatalog;

/** The gate's public queue board, for the screens at the yard and for anyone's phone. No token needed. */
// Public on purpose: read by anyone, no token (everything else needs one).
@PermitAll
@Path("/api/v1/gates/{code}/board")
@Tag(name = "Public board")
public class BoardResource {

    private final GateCatalog gates;
    private final Board board;
    private final BoardUpdates updates;

    public BoardResource(GateCatalog gates, Board board, BoardUpdates updates) {
        this.gates = gates;
        this.board = board;
        this.updates = updates;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getBoard", summary = "Now calling, next in the yard, and today's counts per status (plates masked)",
            description = "Texts are in Vietnamese unless Accept-Language asks for English. No names, phones or firms.")
    public Uni<BoardView> board(@PathParam("code") String code, @Context HttpHeaders headers) {
        Language language = Language.preferred(headers.getAcceptableLanguages(), Language.VI);
        return gates.require(code).chain(gate -> board.of(gate, language));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "followBoard", summary = "The board as server-sent events: the current board at once, then a new one after each change",
            description = "At most one board per second, and a heartbeat comment every 15 s.")
    public Multi<OutboundSseEvent> stream(@PathParam("code") String code, @Context HttpHeaders headers, @Context Sse sse) {
        Language language = Language.preferred(headers.getAcceptableLanguages(), Language.VI);
        return gates.require(code).onItem().transformToMulti(gate -> updates.boards(gate, language, sse));
    }
}
