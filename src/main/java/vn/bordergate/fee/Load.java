package vn.bordergate.fee;

import vn.bordergate.gate.Direction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;

/**
 * One trip's load as a fee schedule sees it: every default already applied, a mixed load reduced to the
 * goods of its most valuable line (the rule of Lạng Sơn's and Cao Bằng's resolutions).
 */
public record Load(Direction direction, CustomsRegime regime, GoodsGroup goodsGroup, boolean dutiable,
                   VehicleKind vehicle, BigDecimal tonnes, Delivery delivery) {

    /**
     * The load of a trip: {@code usualGroup} is the goods group its cargo category implies, used when the
     * declaration names none; a missing vehicle kind is an open truck.
     */
    public static Load of(Direction direction, VehicleKind kind, BigDecimal grossWeightKg, GoodsGroup usualGroup,
                          TradeFacts trade) {
        TradeFacts facts = trade == null ? new TradeFacts(null, null, null, null, null) : trade;
        GoodsGroup group = facts.goodsGroup() == null ? usualGroup : facts.goodsGroup();
        boolean dutiable = Boolean.TRUE.equals(facts.dutiable());
        if (facts.goods() != null && !facts.goods().isEmpty()) {
            TradeFacts.GoodsLine mostValuable = facts.goods().stream()
                    .max(Comparator.comparing(TradeFacts.GoodsLine::valueVnd)).orElseThrow();
            group = mostValuable.goodsGroup();
            dutiable = Boolean.TRUE.equals(mostValuable.dutiable());
        }
        CustomsRegime regime = facts.customsRegime() == null ? CustomsRegime.ORDINARY_TRADE : facts.customsRegime();
        BigDecimal tonnes = grossWeightKg.movePointLeft(3).setScale(3, RoundingMode.HALF_UP);
        return new Load(direction, regime, group, dutiable, kind == null ? VehicleKind.TRUCK : kind, tonnes,
                facts.delivery());
    }
}
