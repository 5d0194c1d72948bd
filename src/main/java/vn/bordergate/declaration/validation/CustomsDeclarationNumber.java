package vn.bordergate.declaration.validation;

import java.util.regex.Pattern;

/** Number of a customs declaration filed on the VNACCS system: exactly 12 digits. */
public final class CustomsDeclarationNumber {

    // Kept strict (no separators) because the number is matched as-is against customs clearance records.
    private static final Pattern FORMAT = Pattern.compile("[0-9]{12}");

    private CustomsDeclarationNumber() {
    }

    /** True for exactly 12 digits. */
    public static boolean isValid(String number) {
        return number != null && FORMAT.matcher(number).matches();
    }
}
