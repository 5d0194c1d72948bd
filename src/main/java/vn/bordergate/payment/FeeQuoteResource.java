package vn.bordergate.payment;

import io.smallrye.mutiny.Uni;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.declaration.DeclarationRequest;
import vn.bordergate.declaration.DeclarationValidator;
import vn.bordergate.fee.Fee;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.Problems;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** What a trip will cost, before anything is booked: any signed-in caller may ask (the rates themselves are public). */
@Path("/api/v1/fees/quote")
@Tag(name = "Fees")
public class FeeQuoteResource {

    private final GateCatalog gates;
    private final DeclarationFees fees;
    private final Clock clock;

    public FeeQuoteResource(GateCatalog gates, DeclarationFees fees, Clock clock) {
        this.gates = gates;
        this.fees = fees;
        this.clock = clock;
    }

    @POST
    @Authenticated
    @Operation(operationId = "quoteFee", summary = "Price a draft declaration; nothing is booked",
            description = "Send a declaration as it would be posted; only gateCode, direction, vehicle.kind and "
                    + "cargo (category, grossWeightKg, trade) are read. The schedule in force on the day of "
                    + "slotStart (today when absent) prices it. UNPRICED, with the reason, when the province has no "
                    + "schedule for that day or holds only part of its table and not this load's band.")
    public Uni<Fee> quote(DeclarationRequest draft) {
        List<FieldError> errors = DeclarationValidator.validateForQuote(draft);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        OffsetDateTime when = draft.slotStart() == null ? OffsetDateTime.now(clock) : draft.slotStart();
        return gates.find(draft.gateCode())
                .onItem().ifNull().failWith(() -> Problems.invalidField("gateCode", "is not a gate of GET /api/v1/gates"))
                .chain(gate -> fees.quote(gate, when, draft.direction(), draft.vehicle(), draft.cargo()));
    }
}
