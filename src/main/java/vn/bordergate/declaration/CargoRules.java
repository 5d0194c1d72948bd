package vn.bordergate.declaration;

import vn.bordergate.declaration.validation.ContainerNumber;
import vn.bordergate.declaration.validation.CustomsDeclarationNumber;
import vn.bordergate.declaration.validation.HsCode;
import vn.bordergate.http.FieldError;
import vn.bordergate.declaration.DeclarationRequest.Cargo;
import vn.bordergate.fee.TradeFacts;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static vn.bordergate.declaration.DeclarationValidator.REQUIRED;
import static vn.bordergate.declaration.DeclarationValidator.isBlank;
import static vn.bordergate.declaration.DeclarationValidator.present;

/** Rules for the cargo part of a declaration: description, weight, containers and customs declarations. */
final class CargoRules {

    // Legal gross weight ceiling for a truck at the gate; a heavier figure is a typo or an overload,
    // refused either way.
    static final BigDecimal MAX_GROSS_WEIGHT_KG = BigDecimal.valueOf(60_000);
    static final int MAX_CONTAINERS = 4;
    static final int MAX_CUSTOMS_DECLARATIONS = 20;
    static final BigDecimal MAX_LINE_VALUE_VND = BigDecimal.TEN.pow(15);

    private CargoRules() {
    }

    /** Adds every problem with {@code c} to {@code errors}, paths starting {@code cargo.}. */
    static void check(Cargo c, List<FieldError> errors) {
        present(c.category(), "cargo.category", errors);
        if (present(c.description(), "cargo.description", errors) && c.description().strip().length() > 500) {
            errors.add(new FieldError("cargo.description", "must be at most 500 characters"));
        }
        if (!isBlank(c.hsCode()) && !HsCode.isValid(c.hsCode())) {
            errors.add(new FieldError("cargo.hsCode", "must be 4, 6, 8 or 10 digits (e.g. 0810.90)"));
        }
        checkWeight(c.grossWeightKg(), errors);
        if (c.containerNumbers() != null) {
            checkEach("cargo.containerNumbers", c.containerNumbers(), MAX_CONTAINERS, "containers",
                    ContainerNumber::problem, ContainerNumber::normalise, errors);
        }
        List<String> customs = c.customsDeclarationNumbers();
        // Only an empty truck crosses without goods to clear.
        boolean needsCustoms = c.category() != null && c.category() != CargoCategory.EMPTY;
        if ((customs == null || customs.isEmpty()) && needsCustoms) {
            errors.add(new FieldError("cargo.customsDeclarationNumbers", "is required unless the category is EMPTY"));
        } else if (customs != null) {
            checkEach("cargo.customsDeclarationNumbers", customs, MAX_CUSTOMS_DECLARATIONS, "declarations",
                    n -> CustomsDeclarationNumber.isValid(n) ? null : "must be 12 digits",
                    UnaryOperator.identity(), errors);
        }
        if (c.trade() != null && c.trade().goods() != null) {
            checkGoodsLines(c.trade().goods(), errors);
        }
    }

    /** Adds the problems with what the fee is priced on: the category, the weight and the trade facts. */
    static void checkPriced(Cargo c, List<FieldError> errors) {
        present(c.category(), "cargo.category", errors);
        checkWeight(c.grossWeightKg(), errors);
        if (c.trade() != null && c.trade().goods() != null) {
            checkGoodsLines(c.trade().goods(), errors);
        }
    }

    private static void checkWeight(BigDecimal weight, List<FieldError> errors) {
        // Empty trucks still carry their tare weight, so zero is wrong for every category.
        if (present(weight, "cargo.grossWeightKg", errors)
                && (weight.signum() <= 0 || weight.compareTo(MAX_GROSS_WEIGHT_KG) > 0)) {
            errors.add(new FieldError("cargo.grossWeightKg", "must be above 0 and at most 60000 kg"));
        }
    }

    /** A mixed load is charged at its most valuable line's rate, so every line needs a group and a value. */
    private static void checkGoodsLines(List<TradeFacts.GoodsLine> lines, List<FieldError> errors) {
        if (lines.size() > TradeFacts.MAX_GOODS_LINES) {
            errors.add(new FieldError("cargo.trade.goods", "must list at most " + TradeFacts.MAX_GOODS_LINES + " lines"));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String path = "cargo.trade.goods[" + i + "]";
            TradeFacts.GoodsLine line = lines.get(i);
            if (line == null) {
                errors.add(new FieldError(path, REQUIRED));
                continue;
            }
            present(line.goodsGroup(), path + ".goodsGroup", errors);
            if (present(line.valueVnd(), path + ".valueVnd", errors)
                    && (line.valueVnd().signum() <= 0 || line.valueVnd().compareTo(MAX_LINE_VALUE_VND) > 0)) {
                errors.add(new FieldError(path + ".valueVnd", "must be above 0 and at most 10^15 VND"));
            }
        }
    }

    private static void checkEach(String path, List<String> items, int max, String noun,
            UnaryOperator<String> problem, UnaryOperator<String> key, List<FieldError> errors) {
        if (items.size() > max) {
            errors.add(new FieldError(path, "must list at most " + max + " " + noun));
        }
        // Listing the same container or declaration twice would double-count it at inspection.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            String message = isBlank(item) ? REQUIRED : problem.apply(item);
            if (message == null && !seen.add(key.apply(item))) {
                message = "is listed twice";
            }
            if (message != null) {
                errors.add(new FieldError(path + "[" + i + "]", message));
            }
        }
    }
}
