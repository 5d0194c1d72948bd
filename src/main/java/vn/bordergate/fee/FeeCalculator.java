package vn.bordergate.fee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Prices one load by one schedule: the first band that matches, then every multiplier that matches. */
public final class FeeCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private FeeCalculator() {
    }

    public static Fee quote(String province, FeeSchedule schedule, Load load) {
        if (schedule == null) {
            return Fee.unpriced(province, null, "no fee schedule of " + province + " is in force on that day");
        }
        FeeRule band = schedule.rules().stream().filter(rule -> rule.matches(load)).findFirst().orElse(null);
        if (band == null) {
            return Fee.unpriced(province, schedule, schedule.isPartial()
                    ? "the schedule (" + schedule.resolution() + ") is held only in part, and not for this load"
                    : "no band of " + schedule.resolution() + " covers this load");
        }
        List<Fee.Line> lines = new ArrayList<>();
        BigDecimal quantity = band.basis() == FeeRule.Basis.PER_TONNE ? load.tonnes() : BigDecimal.ONE;
        BigDecimal amount = wholeVnd(quantity.multiply(BigDecimal.valueOf(band.rateVnd())));
        lines.add(new Fee.Line(band.name(), band.basis().name(), quantity, band.rateVnd(), amount.longValueExact()));
        for (FeeMultiplier multiplier : schedule.multipliers()) {
            if (multiplier.matches(load)) {
                BigDecimal next = wholeVnd(amount.multiply(BigDecimal.valueOf(multiplier.percent())).divide(HUNDRED));
                lines.add(new Fee.Line(multiplier.name(), "PERCENT", BigDecimal.valueOf(multiplier.percent()), null,
                        next.subtract(amount).longValueExact()));
                amount = next;
            }
        }
        return Fee.quoted(schedule, lines);
    }

    private static BigDecimal wholeVnd(BigDecimal vnd) {
        return vnd.setScale(0, RoundingMode.HALF_UP);
    }
}
