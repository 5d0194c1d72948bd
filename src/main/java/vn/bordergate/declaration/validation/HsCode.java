package vn.bordergate.declaration.validation;

import java.util.regex.Pattern;

/** Harmonized System commodity code: heading (4), subheading (6) or national line (8 or 10 digits). */
public final class HsCode {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4}|[0-9]{6}|[0-9]{8}|[0-9]{10}");

    private HsCode() {
    }

    /** True for 4, 6, 8 or 10 digits, with or without the dots tariff books print ({@code 0810.90}). */
    public static boolean isValid(String code) {
        return code != null && FORMAT.matcher(normalise(code)).matches();
    }

    /** The code without dots, as customs systems store it; null stays null. */
    public static String normalise(String code) {
        return code == null ? null : code.replace(".", "");
    }
}
