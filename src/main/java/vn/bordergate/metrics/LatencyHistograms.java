package vn.bordergate.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;

/**
 * Latency histograms an alert can be written on (a p99 over all instances is a sum of buckets, never an
 * average of per-instance percentiles): HTTP requests, per method, route template and status, and the wait of
 * a booking in the admission line. Fixed buckets, from 5 ms to 10 s, keep each series to a dozen counters;
 * Micrometer's own percentile histogram would add about seventy per route and status.
 */
@Singleton
class LatencyHistograms {

    static final Set<String> TIMED = Set.of("http.server.requests", "bordergate.admission.queue.wait");
    private static final double[] BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!TIMED.contains(id.getName())) {
                    return config;
                }
                double[] nanos = new double[BUCKETS_MS.length];
                for (int i = 0; i < BUCKETS_MS.length; i++) {
                    nanos[i] = Duration.ofMillis((long) BUCKETS_MS[i]).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
