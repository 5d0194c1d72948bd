package vn.bordergate.yard;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Ids;
import vn.bordergate.http.QrImage;
import vn.bordergate.security.Caller;

import java.time.Instant;

/** The QR code a driver shows at the yard gate: as a token (text) or as a PNG image. */
@Path("/api/v1/declarations/{id}/qr")
@Tag(name = "Yard")
@Authenticated
public class QrCodeResource {

    /** The token and until when it is valid. */
    public record QrToken(String token, Instant expiresAt, String reference) {
    }

    private final CheckInPasses passes;
    private final Caller caller;

    public QrCodeResource(CheckInPasses passes, Caller caller) {
        this.passes = passes;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getQrToken", summary = "The signed, expiring check-in token of a booking (its firm or its driver)",
            description = "Valid until the check-in window closes or for 12 hours, whichever is sooner. "
                    + "Ask with Accept: image/png for the same token as a QR image.")
    @APIResponse(responseCode = "200", description = "The token as JSON, or with Accept: image/png as a QR image",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QrToken.class)),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 100000))})
    @APIResponse(responseCode = "409", description = "invalid-state: a QR code is issued only before check-in (currentStatus)")
    public Uni<QrToken> token(@PathParam("id") String id) {
        return issue(id);
    }

    @GET
    @Produces("image/png")
    @Operation(operationId = "getQrImage", summary = "The check-in token as a PNG QR code")
    @APIResponse(responseCode = "200", description = "The token as JSON, or with Accept: image/png as a QR image",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QrToken.class)),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 100000))})
    @APIResponse(responseCode = "409", description = "invalid-state: a QR code is issued only before check-in (currentStatus)")
    public Uni<byte[]> image(@PathParam("id") String id) {
        return issue(id).emitOn(Infrastructure.getDefaultWorkerPool()).map(qr -> QrImage.png(qr.token()));
    }

    private Uni<QrToken> issue(String id) {
        return passes.issue(caller, Ids.declaration(id));
    }
}
