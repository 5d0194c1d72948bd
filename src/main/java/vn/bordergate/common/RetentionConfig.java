package vn.bordergate.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long records that serve only for a while are kept ({@code bordergate.retention.*}). Declarations and
 * their audit events are not purged here: they are the gate's legal record.
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

    /** How often the purges run ({@code off} disables them, as the tests do). */
    @WithDefault("1h")
    String purgeEvery();

    /** Rows deleted per statement: short transactions that never hold many locks at once. */
    @WithDefault("5000")
    int batchSize();
}
