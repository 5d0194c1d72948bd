package vn.bordergate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's figures, in the order they were measured: each is appended to {@code results/figures.txt} as it
 * comes (so a run that stops half-way keeps what it measured) and all are printed once at the end as
 * {@code FIGURE name=value} lines. A figure whose inputs are missing is {@code NA}, never a made-up 0.
 */
final class Figures {

    static final String NA = "NA";

    private final Path file;
    private final Path logs;
    private final List<String> lines = new ArrayList<>();
    private boolean printed;

    Figures(Path file, Path logs) {
        this.file = file;
        this.logs = logs;
    }

    synchronized void put(String name, Object value) {
        String line = "FIGURE " + name + "=" + (value == null ? NA : value);
        lines.add(line);
        Progress.say(name + "=" + (value == null ? NA : value));
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code x} rounded half-even to {@code places} and written as Python's {@code round} prints it (12.0, 0.05). */
    static String rounded(Double x, int places) {
        if (x == null || x.isNaN() || x.isInfinite()) {
            return NA;
        }
        double r = new BigDecimal(x).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
        String plain = BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** {@code a / b}, or null (NA) when either is missing or {@code b} is 0. */
    static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    static Double number(String value) {
        try {
            return value == null || value.equals(NA) ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Prints every figure once, also when the run stops early (called again from the shutdown hook). */
    synchronized void print() {
        if (printed || lines.isEmpty()) {
            return;
        }
        printed = true;
        System.out.println("==== figures (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, logs in " + logs.getParent() + ") ====");
        lines.forEach(System.out::println);
        System.out.flush();
    }
}
