package vn.bordergate.declaration.validation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drivers' mobile numbers, Vietnamese or Chinese, reduced to E.164 such as {@code +84912345678}. */
public final class PhoneNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    // Vietnamese mobile ranges start 03, 05, 07, 08 or 09; drivers often keep the 0 after +84, so it is tolerated.
    private static final Pattern VN_LOCAL = Pattern.compile("0([35789][0-9]{8})");
    private static final Pattern VN_INTERNATIONAL = Pattern.compile("(?:\\+|00)?840?([35789][0-9]{8})");
    // Chinese mobiles are 11 digits in the 13x-19x ranges; drivers of CN trucks give these.
    private static final Pattern CN_INTERNATIONAL = Pattern.compile("(?:\\+|00)?86(1[3-9][0-9]{9})");

    private PhoneNumber() {
    }

    /** E.164 form ({@code +84…}, {@code +86…}) that matches a driver's token to declarations; empty when invalid. */
    public static Optional<String> canonical(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(raw).replaceAll("");
        return match(VN_LOCAL, digits, "+84")
                .or(() -> match(VN_INTERNATIONAL, digits, "+84"))
                .or(() -> match(CN_INTERNATIONAL, digits, "+86"));
    }

    private static Optional<String> match(Pattern pattern, String digits, String countryCode) {
        Matcher m = pattern.matcher(digits);
        return m.matches() ? Optional.of(countryCode + m.group(1)) : Optional.empty();
    }
}
