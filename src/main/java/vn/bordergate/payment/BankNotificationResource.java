package vn.bordergate.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where the collecting account's bank reports credits. A VietQR transfer has no callback to the payer's side:
 * this notification, signed with the province's secret, is how a payment reaches the trip.
 */
@Path("/api/v1/payments/bank-notifications")
@Tag(name = "Fees")
@SecurityScheme(securitySchemeName = "bankSignature", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Signature", description = "sha256= and the hex HMAC-SHA256 of the raw body under the collecting "
        + "province's notification secret, shared with its bank")
public class BankNotificationResource {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final ObjectMapper json;
    private final CollectorConfig collectors;
    private final BankCredits credits;
    private final Clock clock;

    public BankNotificationResource(ObjectMapper json, CollectorConfig collectors, BankCredits credits, Clock clock) {
        this.json = json;
        this.collectors = collectors;
        this.credits = credits;
        this.clock = clock;
    }

    /** What became of a notification. */
    @Schema(description = "MATCHED: paid to the trip; UNMATCHED: kept for a finance officer; DUPLICATE: seen before, nothing changed")
    public record Outcome(@Schema(enumeration = {"MATCHED", "UNMATCHED", "DUPLICATE"}, maxLength = 9) String outcome,
                          UUID declarationId) {
    }

    @POST
    @PermitAll
    @SecurityRequirement(name = "bankSignature")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveBankNotification", summary = "A credit to a collecting account, from its bank",
            description = "Signed: X-Signature: sha256=<hex HMAC-SHA256 of the raw body with the province's notification "
                    + "secret>. Refused (401, nothing changed) when the signature does not match, the province has no "
                    + "secret, or sentAt is more than 5 minutes from now. Idempotent on transactionId. The payment "
                    + "reference (BG and 10 letters or digits) is looked for in description: a credit naming no trip "
                    + "is kept for a finance officer (GET /api/v1/provinces/{province}/unmatched-credits).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BankNotification.class)))
    @APIResponse(responseCode = "200", description = "Recorded, or recognised as sent before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Outcome.class)))
    @APIResponse(responseCode = "401", description = "bad-signature or stale-notification: nothing was recorded")
    public Uni<Outcome> receive(@HeaderParam("X-Signature") String signature,
                                byte[] body) {
        BankNotification notification = parse(body);
        String secret = notification.province() == null ? null
                : collectors.of(notification.province()).flatMap(CollectorConfig.Collector::notificationSecret).orElse(null);
        if (secret == null || !NotificationSignature.matches(secret, body, signature)) {
            throw new ProblemException(401, "bad-signature", "Not signed by the collector's bank",
                    "X-Signature is not the HMAC-SHA256 of the body with the province's notification secret");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (notification.sentAt() == null || Duration.between(notification.sentAt(), now).abs().compareTo(MAX_AGE) > 0) {
            throw new ProblemException(401, "stale-notification", "Notification too old",
                    "sentAt must be within " + MAX_AGE.toMinutes() + " minutes of now (" + now + ")");
        }
        check(notification);
        return credits.receive(notification);
    }

    private BankNotification parse(byte[] body) {
        try {
            BankNotification notification = body == null ? null : json.readValue(body, BankNotification.class);
            if (notification == null) {
                throw Problems.invalidField("(body)", "is required");
            }
            return notification;
        } catch (JsonProcessingException e) {
            throw Problems.invalidField("(body)", "is not a bank notification: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw Problems.invalidField("(body)", "could not be read");
        }
    }

    private static void check(BankNotification n) {
        if (n.transactionId() == null || n.transactionId().isBlank() || n.transactionId().length() > 64) {
            throw Problems.invalidField("transactionId", "is required: 1 to 64 characters");
        }
        if (n.amountVnd() == null || n.amountVnd() < 1 || n.amountVnd() > PaymentResource.MAX_PAYMENT_VND) {
            throw Problems.invalidField("amountVnd", "is required: 1 to " + PaymentResource.MAX_PAYMENT_VND + " VND");
        }
        if (n.description() == null || n.description().length() > 500) {
            throw Problems.invalidField("description", "is required: at most 500 characters");
        }
        if (n.creditedAt() == null) {
            throw Problems.invalidField("creditedAt", "is required");
        }
    }
}
