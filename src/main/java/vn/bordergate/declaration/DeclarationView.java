package vn.bordergate.declaration;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.declaration.DeclarationRequest.Driver;
import vn.bordergate.declaration.DeclarationRequest.FeePayer;
import vn.bordergate.declaration.DeclarationRequest.Vehicle;
import vn.bordergate.fee.Fee;
import vn.bordergate.gate.Direction;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A declaration as its firm, driver and the gate's officers see it. */
public record DeclarationView(
        UUID id,
        String reference,
        DeclarationStatus status,
        String gateCode,
        Direction direction,
        SlotTimes slot,
        int queueNumber,
        Priority priority,
        int version,
        Vehicle vehicle,
        Driver driver,
        Cargo cargo,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Who pays the fee; absent when the declaring firm does")
        FeePayer feePayer,
        String taxCode,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "The border-gate fee this trip owes, by the province's schedule in force on the slot's day")
        Fee fee) {

    /** The booked slot, in the gate's time zone. */
    public record SlotTimes(OffsetDateTime start, OffsetDateTime end) {
    }

    /** The declaration with its fee ({@link DeclarationFees#view} prices it). */
    static DeclarationView of(Declaration d, Fee fee) {
        return new DeclarationView(d.id(), d.reference(), d.status(), d.gateCode(), d.direction(),
                new SlotTimes(d.slot().start(), d.slot().end()), d.queueNumber(), d.priority(), d.version(),
                d.vehicle(), d.driver(), d.cargo(), d.feePayer(), d.taxCode(), d.createdAt(), d.updatedAt(), fee);
    }
}
