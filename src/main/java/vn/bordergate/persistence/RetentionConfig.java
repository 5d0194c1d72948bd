package vn.bordergate.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long records are kept ({@code bordergate.retention.*}). Idempotency answers and webhook deliveries
 * serve only for a while and are deleted. Declarations, their audit events and inspections are the gate's
 * legal record: they are archived by day after an online window and dropped only after the legal retention.
 */
@ConfigMapping(prefix = "bordergate.retention")
public interface RetentionConfig {

    /**
     * An Idempotency-Key's answer. It protects a retry, which a firm's system makes within minutes; a week
     * also covers a booking's whole life ahead of its day (the booking horizon) and a weekend outage of the
     * firm's system.
     */
    @WithDefault("P7D")
    Duration idempotencyKeys();

    /**
     * A delivered or failed webhook delivery, the log a firm reads to debug its receiver. The events
     * themselves stay in the audit trail; pending deliveries are never purged.
     */
    @WithDefault("P30D")
    Duration webhookDeliveries();

    /**
     * How long a day's declarations (with their events and inspections) stay online, counted from their
     * booking day, before its partitions are detached into the {@code archive} schema. Only days whose
     * declarations are all finished, whose slots all lie outside the window and whose webhook deliveries
     * are all done are archived. Each online day costs every query that does not name a day (the yard,
     * sweeps, listings) a little (docs/PERFORMANCE.md); five weeks cover a month's reconciliation by firms
     * and outlast the webhook delivery log.
     */
    @WithDefault("P35D")
    Duration declarationsOnline();

    /**
     * Years an archived day is kept before it is dropped: customs records are kept five years from the
     * declaration (Law on Customs 2014), counted here from the newest slot day the partition holds.
     */
    @WithDefault("5")
    int declarationsYears();

    /** Days ahead for which each day's partitions exist, created by the service long before a booking needs them. */
    @WithDefault("14")
    int partitionsAhead();

    /**
     * How often the partition keeper creates, archives and drops day partitions ({@code off} only in tests,
     * which call it themselves: without it, bookings stop once the days created ahead run out).
     */
    @WithDefault("1h")
    String partitionsEvery();

    /** How often the purges run ({@code off} disables them, as the tests do). */
    @WithDefault("1h")
    String purgeEvery();

    /** Rows deleted per statement: short transactions that never hold many locks at once. */
    @WithDefault("5000")
    int batchSize();
}
