package vn.bordergate.stats;

import java.util.List;

/**
 * The bands a gate-day's waits (check-in to exit) are counted in, for the distribution the console charts:
 * the upper bound of each band in minutes, the last band open-ended. Stored as {@code gate_day_waits.histogram},
 * one count per band, in this order; changing the bands means recomputing the roll-ups.
 */
final class WaitBands {

    static final List<Integer> UPPER_MINUTES = List.of(15, 30, 60, 120, 240, 480, 960);

    private WaitBands() {
    }

    /** SQL counting the waits ({@code waitMinutes}, an expression) of each band, as an integer array. */
    static String histogram(String waitMinutes) {
        StringBuilder sql = new StringBuilder("ARRAY[");
        int lower = 0;
        for (int upper : UPPER_MINUTES) {
            sql.append("count(*) FILTER (WHERE ").append(waitMinutes).append(" >= ").append(lower)
                    .append(" AND ").append(waitMinutes).append(" < ").append(upper).append(")::int, ");
            lower = upper;
        }
        return sql.append("count(*) FILTER (WHERE ").append(waitMinutes).append(" >= ").append(lower).append(")::int]")
                .toString();
    }
}
