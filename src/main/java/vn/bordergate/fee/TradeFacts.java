package vn.bordergate.fee;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * How customs classes a load, as far as the border-gate fee depends on it. Every part is optional: a
 * declaration that names none is charged as ordinary trade of the goods group its category implies.
 */
@Schema(description = "What the border-gate fee depends on; all optional (defaults: ORDINARY_TRADE, the goods "
        + "group of cargo.category, not dutiable, no special delivery)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradeFacts(
        CustomsRegime customsRegime,
        GoodsGroup goodsGroup,
        @Schema(description = "Imports on which duty is payable (some schedules charge them less)")
        Boolean dutiable,
        Delivery delivery,
        @Schema(description = "A mixed load's goods as on the customs declaration: the whole load is charged at "
                + "the rate of the line with the highest value", maxItems = 20)
        List<GoodsLine> goods) {

    public static final int MAX_GOODS_LINES = 20;

    /** One line of a mixed load. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GoodsLine(
            @Schema(required = true) GoodsGroup goodsGroup,
            @Schema(description = "Customs value of this line in VND", minimum = "0", exclusiveMinimum = true,
                    maximum = "1000000000000000", examples = "350000000", required = true)
            BigDecimal valueVnd,
            Boolean dutiable) {
    }
}
