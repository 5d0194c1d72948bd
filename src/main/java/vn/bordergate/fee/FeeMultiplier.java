package vn.bordergate.fee;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.gate.Direction;

import java.util.List;

/**
 * A share of the band's amount applied to some loads: ore at five times the rate, imports delivered inland at
 * 130 %, goods only transferred at the wharf at 30 %. Lists left empty match every value; several
 * multipliers that match are applied one after the other.
 */
@Schema(description = "Applied to the band's amount when the load matches: amount × percent / 100")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeeMultiplier(
        @Schema(maxLength = 200, required = true, examples = "Hàng nhập khẩu giao nội địa") String name,
        @Schema(maxItems = 5) List<GoodsGroup> goodsGroups,
        @Schema(maxItems = 2) List<Delivery> deliveries,
        @Schema(maxItems = 2) List<Direction> directions,
        @Schema(minimum = "0", maximum = "10000", required = true, examples = "130") Integer percent) {

    boolean matches(Load load) {
        return FeeRule.anyOrContains(goodsGroups, load.goodsGroup())
                && FeeRule.anyOrContains(directions, load.direction())
                && (deliveries == null || deliveries.isEmpty() || deliveries.contains(load.delivery()));
    }
}
