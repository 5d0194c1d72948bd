package vn.bordergate.payment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * A credit to a province's collecting account, as its bank reports it. The raw body is signed: header
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the body with the province's notification secret>}.
 */
@Schema(description = "A credit notification from the collecting account's bank")
public record BankNotification(
        @Schema(description = "The collecting province", examples = "CAO_BANG", maxLength = 40, required = true)
        String province,
        @Schema(description = "The bank's own id of the credit; a notification sent again with it changes nothing",
                examples = "FT26341987654321", maxLength = 64, required = true)
        String transactionId,
        @Schema(minimum = "1", maximum = "10000000000", examples = "5500000", required = true) Long amountVnd,
        @Schema(description = "The transfer's purpose as the payer typed it; the payment reference is found in it",
                examples = "BGK7Q2M9XA thanh toan phi", maxLength = 500, required = true)
        String description,
        @Schema(required = true) OffsetDateTime creditedAt,
        @Schema(description = "When the bank sent this notification; one more than 5 minutes old is refused",
                required = true)
        OffsetDateTime sentAt) {
}
