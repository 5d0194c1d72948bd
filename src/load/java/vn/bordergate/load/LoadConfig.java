package vn.bordergate.load;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The knobs of every simulation, read from system properties ({@code -DbaseUrl=... -Drate=...}); the Gatling
 * Maven plugin hands Maven's {@code -D} properties to the simulation JVM.
 */
public final class LoadConfig {

    /** Slot times, and so "today" and "day +1", are in the gates' zone. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final List<String> ALL_GATES = List.of("HUU_NGHI", "TAN_THANH", "COC_NAM", "CHI_MA", "MONG_CAI", "KIM_THANH");

    private LoadConfig() {
    }

    public static String baseUrl() {
        return string("baseUrl", "http://127.0.0.1:8080").replaceAll("/+$", "");
    }

    public static String string(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public static int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    public static double decimal(String name, double fallback) {
        return Double.parseDouble(string(name, Double.toString(fallback)));
    }

    public static boolean flag(String name, boolean fallback) {
        return Boolean.parseBoolean(string(name, Boolean.toString(fallback)));
    }

    public static List<String> list(String name, List<String> fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Gates a spread-out scenario books at ({@code -Dgates=HUU_NGHI,TAN_THANH}). */
    public static List<String> gates() {
        return list("gates", ALL_GATES);
    }

    public static LocalDate today() {
        return LocalDate.now(VIETNAM);
    }

    /** A day given as an ISO date ({@code 2026-11-29}) or as days ahead of today ({@code 2}). */
    public static LocalDate day(String value) {
        return value.matches("-?\\d{1,3}") ? today().plusDays(Integer.parseInt(value)) : LocalDate.parse(value);
    }

    /** Days a spread-out scenario books on ({@code -Ddays=1,2} or ISO dates); default tomorrow and the day after. */
    public static List<LocalDate> days() {
        return list("days", List.of("1", "2")).stream().map(LoadConfig::day).toList();
    }

    /**
     * Slot start hours used by spread-out scenarios ({@code -Dhours=7-16} or {@code 8,9,10}); 7 to 16 are open at
     * every gate.
     */
    public static List<Integer> hours() {
        String spec = string("hours", "7-16");
        List<Integer> hours = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int h = from; h <= to; h++) {
                hours.add(h);
            }
        }
        return hours;
    }

    /** Where outcome counts and the ids of accepted declarations are written. */
    public static Path outDir() {
        return Path.of(string("outDir", "target/load-results"));
    }
}
