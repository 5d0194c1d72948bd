package vn.bordergate.onboarding;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.declaration.CargoCategory;
import vn.bordergate.gate.BorderRule;
import vn.bordergate.gate.Direction;

import java.time.OffsetDateTime;
import java.util.List;

/** A border rule for a gate, as a province admin sets it (see {@link BorderRule}). */
@Schema(description = "A border rule: DECLARATION_WINDOW needs maxDaysAhead; CATEGORY_STOP needs categories or hsPrefixes")
public record BorderRuleRequest(
        @Schema(required = true) BorderRule.Kind kind,
        @Schema(description = "Only trucks going this way; absent: both") Direction direction,
        @Schema(required = true, example = "2027-06-01T00:00:00+07:00", description = "From when the rule holds (with offset). "
                + "A declaration window holds for declarations made in its period; a category stop for slots in its period")
        OffsetDateTime validFrom,
        @Schema(example = "2027-06-15T00:00:00+07:00", description = "Until when (exclusive); absent: until ended")
        OffsetDateTime validUntil,
        @Schema(minimum = "0", maximum = "366", example = "3", description = "DECLARATION_WINDOW: the latest a slot may lie "
                + "after the declaration is made, in days (the partner side's pre-declaration window)")
        Integer maxDaysAhead,
        @Schema(maxItems = 5, description = "CATEGORY_STOP: cargo categories not taken") List<CargoCategory> categories,
        @Schema(maxItems = 20, description = "CATEGORY_STOP: HS code prefixes not taken, 2 to 10 digits each, e.g. 0810")
        List<String> hsPrefixes,
        @Schema(required = true) ClosureRequest.Reason reason) {
}
