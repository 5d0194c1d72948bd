package vn.bordergate.notify;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.Purge;
import vn.bordergate.persistence.RetentionConfig;

import java.time.Clock;

/**
 * Empties the delivery log of deliveries finished (delivered or given up) longer ago than
 * {@code bordergate.retention.webhook-deliveries}; pending ones are always kept.
 */
@ApplicationScoped
class DeliveryRetention {

    private static final String WHAT = "finished webhook deliveries";

    private final OutboxRepository outbox;
    private final RetentionConfig config;
    private final Clock clock;

    DeliveryRetention(OutboxRepository outbox, RetentionConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{bordergate.retention.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return Purge.logFailure(WHAT, purge());
    }

    /** Deletes the finished deliveries older than the retention; answers how many. */
    Uni<Long> purge() {
        return Purge.olderThan(WHAT, config.webhookDeliveries(), clock, config.batchSize(), outbox::deleteFinishedOlderThan);
    }
}
