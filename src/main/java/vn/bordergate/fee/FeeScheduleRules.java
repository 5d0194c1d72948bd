package vn.bordergate.fee;

import vn.bordergate.http.FieldError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Checks a fee schedule sent by an admin, every problem at once, named by JSON path. */
final class FeeScheduleRules {

    private static final int MAX_NAME = 200;
    private static final long MAX_RATE_VND = 1_000_000_000L;
    private static final BigDecimal MAX_TONNES = BigDecimal.valueOf(100);
    private static final int MAX_PERCENT = 10_000;

    private FeeScheduleRules() {
    }

    static List<FieldError> check(FeeSchedule s) {
        List<FieldError> errors = new ArrayList<>();
        if (s == null) {
            return List.of(new FieldError("body", "is required"));
        }
        name(s.resolution(), "resolution", errors);
        if (s.rules().isEmpty() || s.rules().size() > FeeSchedule.MAX_RULES) {
            errors.add(new FieldError("rules", "must list 1 to " + FeeSchedule.MAX_RULES + " bands"));
        }
        if (s.multipliers().size() > FeeSchedule.MAX_MULTIPLIERS) {
            errors.add(new FieldError("multipliers", "must list at most " + FeeSchedule.MAX_MULTIPLIERS));
        }
        if (s.missingBands().size() > FeeSchedule.MAX_MISSING_BANDS) {
            errors.add(new FieldError("missingBands", "must list at most " + FeeSchedule.MAX_MISSING_BANDS));
        }
        for (int i = 0; i < s.missingBands().size(); i++) {
            name(s.missingBands().get(i), "missingBands[" + i + "]", errors);
        }
        for (int i = 0; i < Math.min(s.rules().size(), FeeSchedule.MAX_RULES); i++) {
            rule(s.rules().get(i), "rules[" + i + "]", errors);
        }
        for (int i = 0; i < Math.min(s.multipliers().size(), FeeSchedule.MAX_MULTIPLIERS); i++) {
            multiplier(s.multipliers().get(i), "multipliers[" + i + "]", errors);
        }
        return List.copyOf(errors);
    }

    private static void rule(FeeRule rule, String path, List<FieldError> errors) {
        if (rule == null) {
            errors.add(new FieldError(path, "is required"));
            return;
        }
        name(rule.name(), path + ".name", errors);
        if (rule.basis() == null) {
            errors.add(new FieldError(path + ".basis", "is required: PER_TRIP or PER_TONNE"));
        }
        if (rule.rateVnd() == null || rule.rateVnd() < 0 || rule.rateVnd() > MAX_RATE_VND) {
            errors.add(new FieldError(path + ".rateVnd", "is required: 0 to " + MAX_RATE_VND + " VND"));
        }
        tonnes(rule.minTonnes(), path + ".minTonnes", errors);
        tonnes(rule.maxTonnes(), path + ".maxTonnes", errors);
        if (rule.minTonnes() != null && rule.maxTonnes() != null && rule.minTonnes().compareTo(rule.maxTonnes()) >= 0) {
            errors.add(new FieldError(path + ".maxTonnes", "must be above minTonnes"));
        }
    }

    private static void multiplier(FeeMultiplier multiplier, String path, List<FieldError> errors) {
        if (multiplier == null) {
            errors.add(new FieldError(path, "is required"));
            return;
        }
        name(multiplier.name(), path + ".name", errors);
        if (multiplier.percent() == null || multiplier.percent() < 0 || multiplier.percent() > MAX_PERCENT) {
            errors.add(new FieldError(path + ".percent", "is required: 0 to " + MAX_PERCENT));
        }
    }

    private static void tonnes(BigDecimal tonnes, String path, List<FieldError> errors) {
        if (tonnes != null && (tonnes.signum() < 0 || tonnes.compareTo(MAX_TONNES) > 0)) {
            errors.add(new FieldError(path, "must be 0 to 100 tonnes"));
        }
    }

    private static void name(String value, String path, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            errors.add(new FieldError(path, "is required: 1 to " + MAX_NAME + " characters"));
        }
    }
}
