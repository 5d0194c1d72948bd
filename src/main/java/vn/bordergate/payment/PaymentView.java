package vn.bordergate.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.fee.Fee;

import java.util.List;
import java.util.UUID;

/** A trip's fee account as its firm, its driver, the gate and the finance office see it. */
@Schema(description = "What the trip owes and has paid, and how to pay the rest")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(
        UUID declarationId,
        PaymentStatus status,
        @Schema(examples = "VND", maxLength = 3) String currency,
        @Schema(description = "The fee owed: 0 when the trip did not cross; absent while the fee has no amount")
        Long dueVnd,
        long paidVnd,
        long refundedVnd,
        @Schema(description = "Still to pay") Long outstandingVnd,
        @Schema(description = "To be paid back") long refundDueVnd,
        @Schema(description = "Put this in the transfer's purpose: it is how the bank's credit finds the trip",
                examples = "BGK7Q2M9XA", maxLength = 12)
        String reference,
        @Schema(description = "The collecting Centre's account; absent when the province takes no payment here")
        Account account,
        @Schema(description = "VietQR (NAPAS EMVCo) string for the outstanding amount; absent when nothing is to pay",
                maxLength = 512)
        String vietQr,
        @Schema(description = "The same as a PNG QR image", maxLength = 200) String qrImage,
        @Schema(description = "Where the province's gates stop an unpaid trip", enumeration = {"NOWHERE", "CHECK_IN", "EXIT"},
                maxLength = 8)
        String requiredAt,
        @Schema(description = "Whom the receipt names: the fee payer on the declaration, else the declaring firm")
        Receipt.Payer payer,
        Fee fee,
        @Schema(maxItems = 100) List<Receipt.Number> receipts) {

    /** The account a VietQR transfer goes to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(@Schema(maxLength = 6) String bankBin, @Schema(maxLength = 19) String number,
                          @Schema(maxLength = 200) String name) {
    }
}
