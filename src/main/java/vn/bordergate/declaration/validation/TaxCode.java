package vn.bordergate.declaration.validation;

import java.util.regex.Pattern;

/** Vietnamese enterprise tax code: 10 digits, or 10 digits, a hyphen and a 3-digit branch number. */
public final class TaxCode {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{10})(-[0-9]{3})?");
    private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

    private TaxCode() {
    }

    /** True for a well-formed code whose 10th digit matches the mod-11 check on the first nine. */
    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        var m = FORMAT.matcher(code);
        return m.matches() && hasValidCheckDigit(m.group(1));
    }

    // The check digit catches a mistyped code before it is bound to a declaration and its tokens;
    // a branch code shares its parent's 10 digits, so only those are checked.
    private static boolean hasValidCheckDigit(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (tenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 10 - sum % 11;
        // A check of 10 cannot be written as one digit, so no such code is ever issued.
        return check != 10 && check == tenDigits.charAt(9) - '0';
    }
}
