package vn.bordergate.declaration.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/** ISO 6346 freight container numbers such as {@code MSKU9070323}, including the check digit. */
public final class ContainerNumber {

    static final String FORMAT_MESSAGE = "must be 4 letters then 7 digits, e.g. MSKU9070323";

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{4}[0-9]{7}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    // U = freight container, J = detachable equipment, Z = trailer or chassis.
    private static final String CATEGORIES = "UJZ";

    private ContainerNumber() {
    }

    /** Upper case without spaces or hyphens, as printed on the container door; null stays null. */
    public static String normalise(String raw) {
        return raw == null ? null : SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Null when {@code raw} is a valid container number, otherwise what is wrong with it. */
    public static String problem(String raw) {
        String number = normalise(raw);
        if (number == null || !FORMAT.matcher(number).matches()) {
            return FORMAT_MESSAGE;
        }
        if (CATEGORIES.indexOf(number.charAt(3)) < 0) {
            return "4th letter must be U, J or Z";
        }
        int expected = checkDigit(number);
        // Telling the expected digit lets the clerk spot a misread digit in the owner code or serial.
        return number.charAt(10) - '0' == expected ? null : "check digit should be " + expected;
    }

    /** Check digit of the first ten characters of a normalised number. */
    static int checkDigit(String number) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = number.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : letterValue(c);
            sum += value << i;
        }
        // A remainder of 10 is written as 0 (ISO 6346 advises owners not to issue such serials, but some exist).
        return sum % 11 % 10;
    }

    private static int letterValue(char letter) {
        // Letters count from A=10 but skip 11, 22 and 33: multiples of the modulus would weaken the check.
        int value = letter - 'A' + 10;
        return value + (value - 1) / 10;
    }
}
