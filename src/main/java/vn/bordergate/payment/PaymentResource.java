package vn.bordergate.payment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import vn.bordergate.http.Problems;
import vn.bordergate.http.QrImage;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

/** A trip's fee: what it owes, how to pay it by VietQR, and cash taken at the gate. */
@Path("/api/v1/declarations/{id}/payment")
@Tag(name = "Fees")
public class PaymentResource {

    static final long MAX_PAYMENT_VND = 10_000_000_000L;

    private final Payments payments;
    private final Caller caller;

    public PaymentResource(Payments payments, Caller caller) {
        this.payments = payments;
        this.caller = caller;
    }

    /** Cash counted at the gate's desk; the payer defaults to the declaration's fee payer, else the declaring firm. */
    @Schema(description = "Cash taken at the gate")
    public record CashPayment(
            @Schema(minimum = "1", maximum = "10000000000", required = true, examples = "5500000") Long amountVnd,
            @Schema(description = "Who paid, when not the declaring firm") Receipt.Payer payer) {
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPayment", summary = "The trip's fee: status, amount due and paid, reference and VietQR",
            description = "Readable by whoever may read the declaration, and by finance officers of its province. "
                    + "Pay the outstanding amount to the account shown with the reference in the transfer's "
                    + "purpose (the VietQR string carries both); the bank's credit is matched within seconds of "
                    + "its notification. UNPAID until the fee is covered, PAID, REFUND_DUE when more was paid than "
                    + "is owed (a cancelled trip owes nothing), REFUNDED, WAIVED when nothing was owed or paid.")
    public Uni<PaymentView> get(@PathParam("id") String id) {
        return payments.view(caller, Ids.declaration(id));
    }

    @GET
    @Path("/qr")
    @Authenticated
    @Produces("image/png")
    @Operation(operationId = "getPaymentQr", summary = "The VietQR code of the outstanding amount, as a PNG image")
    @APIResponse(responseCode = "200", description = "A QR code banks' apps scan",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 100000)))
    @APIResponse(responseCode = "409", description = "nothing-to-pay: the fee is covered or has no amount")
    public Uni<byte[]> qr(@PathParam("id") String id) {
        return payments.view(caller, Ids.declaration(id)).map(view -> {
            if (view.vietQr() == null) {
                throw Problems.conflict("nothing-to-pay", "Nothing to pay", "the trip's fee is " + view.status()
                        + (view.dueVnd() == null ? " and has no amount yet" : ""));
            }
            return view.vietQr();
        }).emitOn(Infrastructure.getDefaultWorkerPool()).map(QrImage::png);
    }

    @POST
    @Path("/cash")
    @RolesAllowed({Roles.FINANCE_OFFICER, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordCashPayment", summary = "Record cash taken at the gate (a finance officer of the province)",
            description = "Adds the amount to what the trip has paid, writes PAYMENT_RECEIVED to its audit trail and "
                    + "issues the receipt once the fee is covered (RECEIPT_ISSUED). 404 for a trip of another province.")
    public Uni<PaymentView> cash(@PathParam("id") String id, CashPayment body) {
        if (body == null || body.amountVnd() == null || body.amountVnd() < 1 || body.amountVnd() > MAX_PAYMENT_VND) {
            throw Problems.invalidField("amountVnd", "is required: 1 to " + MAX_PAYMENT_VND + " VND");
        }
        if (body.payer() != null && (tooLong(body.payer().name(), 200) || tooLong(body.payer().taxCode(), 20)
                || tooLong(body.payer().address(), 300))) {
            throw Problems.invalidField("payer", "name at most 200 characters, taxCode at most 20, address at most 300");
        }
        return payments.cash(caller, Ids.declaration(id), body.amountVnd(), body.payer());
    }

    /** Money paid back to the payer. */
    @Schema(description = "A refund the collecting Centre paid")
    public record Refund(@Schema(minimum = "1", maximum = "10000000000", required = true, examples = "500000") Long amountVnd) {
    }

    @POST
    @Path("/refunds")
    @RolesAllowed({Roles.FINANCE_OFFICER, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordRefund", summary = "Record money paid back (a finance officer of the province)",
            description = "At most what is due back (refundDueVnd); 409 nothing-to-refund beyond it. Once all of it is "
                    + "paid back the status is REFUNDED (or PAID, when the trip still owes its fee). Writes REFUND_PAID "
                    + "to the trip's audit trail.")
    public Uni<PaymentView> refund(@PathParam("id") String id, Refund body) {
        if (body == null || body.amountVnd() == null || body.amountVnd() < 1 || body.amountVnd() > MAX_PAYMENT_VND) {
            throw Problems.invalidField("amountVnd", "is required: 1 to " + MAX_PAYMENT_VND + " VND");
        }
        return payments.refund(caller, Ids.declaration(id), body.amountVnd());
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }
}
