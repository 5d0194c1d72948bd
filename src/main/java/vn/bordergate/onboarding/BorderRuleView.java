package vn.bordergate.onboarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.BorderRule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A border rule as firms, officers and admins read it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BorderRuleView(
        String id,
        String gateCode,
        BorderRule.Kind kind,
        @Schema(description = "IMPORT or EXPORT; absent: both") String direction,
        OffsetDateTime validFrom,
        @Schema(description = "Absent: until ended") OffsetDateTime validUntil,
        Integer maxDaysAhead,
        List<String> categories,
        List<String> hsPrefixes,
        ClosureRequest.Reason reason,
        @Schema(description = "Whether the rule holds right now") boolean inForce,
        @Schema(description = "Only in the answer to setting a category stop: the booked trucks it moved out of its "
                + "period (each firm hears through SLOT_MOVED)") Integer movedCount,
        @Schema(description = "Only in the answer to setting a category stop: the booked trucks with no slot left "
                + "outside its period, cancelled by the gate (reason category-stopped)") Integer cancelledCount) {

    static BorderRuleView of(BorderRule rule, Instant now) {
        return new BorderRuleView(rule.id.toString(), rule.gateCode, rule.kind(), rule.direction, rule.validFrom,
                rule.validUntil, rule.maxDaysAhead, Arrays.asList(rule.categories), Arrays.asList(rule.hsPrefixes),
                new ClosureRequest.Reason(rule.reasonVi, rule.reasonEn), rule.inForceAt(now), null, null);
    }

    /** The same view with what setting the rule did to the trucks already booked. */
    BorderRuleView withMoves(Relocation.Outcome moves) {
        return new BorderRuleView(id, gateCode, kind, direction, validFrom, validUntil, maxDaysAhead, categories, hsPrefixes,
                reason, inForce, moves.movedCount(), moves.cancelledCount());
    }
}
