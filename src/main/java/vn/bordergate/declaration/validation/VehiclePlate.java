package vn.bordergate.declaration.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Vietnamese and Chinese truck plates, reduced to one key per truck however the plate is typed. */
public final class VehiclePlate {

    private static final String SEPARATORS = "[-.\\s]*";
    // Province codes below 11 were never issued. Separators are accepted only where people put them, so an
    // extra digit in "29C-123.456" is refused instead of silently becoming series C1, i.e. another truck.
    // The second series character is reluctant: unseparated "29C12345" is series C with five digits.
    private static final Pattern VN = Pattern.compile("(1[1-9]|[2-9][0-9])" + SEPARATORS + "([A-Z][A-Z0-9]??)"
            + SEPARATORS + "([0-9]{3}" + SEPARATORS + "[0-9]{2}|[0-9]{4})");

    // I and O are left out of Chinese serials because they read as 1 and 0; six characters are new-energy plates.
    private static final Pattern CN = Pattern.compile(
            "([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z])([A-HJ-NP-Z0-9]{5,6})");
    private static final Pattern CN_SEPARATORS = Pattern.compile("[·.\\-\\s]");
    private static final Pattern DIGIT_SEPARATORS = Pattern.compile(SEPARATORS);

    /** A plate split into its region part (province and series) and its serial. */
    private record Parts(String region, String serial) {
    }

    private VehiclePlate() {
    }

    /** The key that recognises the same truck, e.g. {@code 29C12345} or {@code 桂A12345}; empty when invalid. */
    public static Optional<String> canonical(String raw, String country) {
        return parse(raw, country).map(p -> p.region() + p.serial());
    }

    /** Tidy form for people: {@code 29C-123.45}, {@code 29C-1234}; Chinese plates as their key. */
    public static String display(String canonical, String country) {
        Parts p = require(canonical, country);
        if ("CN".equals(country)) {
            return p.region() + p.serial();
        }
        String serial = p.serial();
        return p.region() + "-" + (serial.length() == 5 ? serial.substring(0, 3) + "." + serial.substring(3) : serial);
    }

    /** Form for the public queue board: enough to spot your own truck, not enough to track someone else's. */
    public static String masked(String canonical, String country) {
        Parts p = require(canonical, country);
        String serial = p.serial();
        String lastTwo = serial.substring(serial.length() - 2);
        if ("CN".equals(country)) {
            return p.region() + "*".repeat(serial.length() - 2) + lastTwo;
        }
        return p.region() + "-" + (serial.length() == 5 ? "***." : "**") + lastTwo;
    }

    private static Parts require(String plate, String country) {
        // Display and masking only ever see stored keys; an invalid one means a bug upstream, so fail loudly.
        return parse(plate, country).orElseThrow(
                () -> new IllegalArgumentException("not a valid " + country + " plate: " + plate));
    }

    private static Optional<Parts> parse(String raw, String country) {
        if (raw == null || country == null) {
            return Optional.empty();
        }
        String typed = raw.strip().toUpperCase(Locale.ROOT);
        if ("VN".equals(country)) {
            Matcher m = VN.matcher(typed);
            if (!m.matches()) {
                return Optional.empty();
            }
            String serial = DIGIT_SEPARATORS.matcher(m.group(3)).replaceAll("");
            return Optional.of(new Parts(m.group(1) + m.group(2), serial));
        }
        if ("CN".equals(country)) {
            Matcher m = CN.matcher(CN_SEPARATORS.matcher(typed).replaceAll(""));
            return m.matches() ? Optional.of(new Parts(m.group(1), m.group(2))) : Optional.empty();
        }
        return Optional.empty();
    }
}
