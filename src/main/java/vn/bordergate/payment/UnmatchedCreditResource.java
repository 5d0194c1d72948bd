package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Ids;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.List;

/** Credits whose purpose named no trip, for the province's finance officers to resolve. */
@Path("/api/v1/provinces/{province}/unmatched-credits")
@Tag(name = "Fees")
@RolesAllowed({Roles.FINANCE_OFFICER, Roles.ADMIN})
public class UnmatchedCreditResource {

    private final BankCredits credits;
    private final Caller caller;

    public UnmatchedCreditResource(BankCredits credits, Caller caller) {
        this.credits = credits;
        this.caller = caller;
    }

    /** The trip a finance officer found the credit pays. */
    public record Match(@Schema(required = true, maxLength = 36) String declarationId) {
    }

    @GET
    @Operation(operationId = "listUnmatchedCredits", summary = "Credits not yet matched to a trip, oldest first (at most 500)")
    public Uni<List<PaymentStatements.Credit>> list(@PathParam("province") String province) {
        return credits.unmatched(caller, province);
    }

    @POST
    @Path("/{transactionId}/match")
    @Operation(operationId = "matchCredit", summary = "Pay a trip with an unmatched credit",
            description = "The trip must be of this province and have a payment reference. 409 credit-matched when the "
                    + "credit already paid a trip.")
    public Uni<PaymentView> match(@PathParam("province") String province, @PathParam("transactionId") String transactionId,
                                  Match body) {
        if (body == null || body.declarationId() == null) {
            throw Problems.invalidField("declarationId", "is required");
        }
        return credits.match(caller, province, transactionId, Ids.declaration(body.declarationId()));
    }
}
