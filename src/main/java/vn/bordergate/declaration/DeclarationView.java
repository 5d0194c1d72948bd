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
import java.util.List;
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
        Fee fee,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(maxItems = 10, description = "What the gate's border rules in force say of this trip still on its way "
                + "(GET /api/v1/gates/{code}/rules); absent when nothing")
        List<RuleFlag> ruleFlags) {

    /** A border rule's word on a trip already booked: the trip stands, but someone should act. */
    public record RuleFlag(
            @Schema(description = "The rule's id") String rule,
            @Schema(description = "outside-declaration-window (the slot lies beyond it, or it ran out before the truck "
                    + "crossed) or category-stopped (the gate does not take this cargo in the booked slot)",
                    enumeration = {"outside-declaration-window", "category-stopped"}) String kind,
            @Schema(description = "In Vietnamese") String vi,
            @Schema(description = "In English") String en) {
    }

    /** The booked slot, in the gate's time zone. */
    public record SlotTimes(OffsetDateTime start, OffsetDateTime end) {
    }

    /** The declaration with its fee ({@link DeclarationFees#view} prices it) and its rules' flags. */
    static DeclarationView of(Declaration d, Fee fee, List<RuleFlag> ruleFlags) {
        return new DeclarationView(d.id(), d.reference(), d.status(), d.gateCode(), d.direction(),
                new SlotTimes(d.slot().start(), d.slot().end()), d.queueNumber(), d.priority(), d.version(),
                d.vehicle(), d.driver(), d.cargo(), d.feePayer(), d.taxCode(), d.createdAt(), d.updatedAt(), fee,
                ruleFlags);
    }
}
