package vn.bordergate.support;

/**
 * Reads samples from the service's Prometheus endpoint. A sample line may end with an exemplar
 * ({@code 20.0 # {span_id="…",trace_id="…"} 1.0 1796693343.515}, OpenMetrics): the trace a counter was last
 * incremented in, added where tracing is on. The value is the number before it.
 */
public final class MetricLines {

    private MetricLines() {
    }

    /** Whether the line is a sample of {@code name} (any labels). */
    public static boolean isSampleOf(String line, String name) {
        return line.startsWith(name + " ") || line.startsWith(name + "{");
    }

    /** The sample's value, without its exemplar. */
    public static double value(String line) {
        int exemplar = line.indexOf(" # ");
        String sample = (exemplar < 0 ? line : line.substring(0, exemplar)).trim();
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
