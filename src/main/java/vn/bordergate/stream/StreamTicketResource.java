package vn.bordergate.stream;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.security.Caller;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Where a browser exchanges its bearer token for a stream ticket. */
@Path("/api/v1/stream-tickets")
@Tag(name = "Live")
public class StreamTicketResource {

    /** A ticket to put in a stream's URL as {@code ?ticket=}. */
    public record StreamTicket(
            @Schema(description = "Opaque; valid once, for one stream request") String ticket,
            @Schema(description = "After this the ticket is refused") OffsetDateTime expiresAt) {
    }

    private final StreamTickets tickets;
    private final Caller caller;

    public StreamTicketResource(StreamTickets tickets, Caller caller) {
        this.tickets = tickets;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueStreamTicket", summary = "A single-use ticket to follow a stream from a browser",
            description = "A browser's EventSource cannot send an Authorization header. Ask for a ticket with the header, "
                    + "then open GET /api/v1/declarations/{id}/stream?ticket=… within 30 s. The stream is authorised "
                    + "exactly as the token that asked for the ticket (same role, same scope). The ticket is spent by "
                    + "its first use, whatever the answer: ask for a new one for each (re)connection. Only stream "
                    + "requests accept a ticket. An unknown, spent or expired ticket answers 401.")
    public Uni<StreamTicket> issue() {
        // Wall-clock time, as Redis counts the ticket's life, not the service's (testable) clock.
        OffsetDateTime expiresAt = Instant.now().plus(StreamTickets.LIFETIME).atOffset(ZoneOffset.UTC);
        return tickets.issue(caller.token().getRawToken()).map(ticket -> new StreamTicket(ticket, expiresAt));
    }
}
