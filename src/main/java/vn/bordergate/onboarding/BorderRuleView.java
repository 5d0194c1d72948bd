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
        @Schema(description = "Whether the rule holds right now") boolean inForce) {

    static BorderRuleView of(BorderRule rule, Instant now) {
        return new BorderRuleView(rule.id.toString(), rule.gateCode, rule.kind(), rule.direction, rule.validFrom,
                rule.validUntil, rule.maxDaysAhead, Arrays.asList(rule.categories), Arrays.asList(rule.hsPrefixes),
                new ClosureRequest.Reason(rule.reasonVi, rule.reasonEn), rule.inForceAt(now));
    }
}
