package vn.bordergate.notify;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.Purge;
import vn.bordergate.common.RetentionConfig;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Empties the delivery log of deliveries finished (delivered or given up) longer ago than
 * {@code bordergate.retention.webhook-deliveries}; pending ones are always kept.
 */
@ApplicationScoped
class DeliveryRetention {

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
        return purge().onFailure().invoke(e -> Log.warnf("webhook delivery purge failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes the finished deliveries older than the retention; answers how many. */
    Uni<Long> purge() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.webhookDeliveries());
        return Purge.inBatches(config.batchSize(), limit -> outbox.deleteFinishedOlderThan(cutoff, limit))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("purged %d finished webhook deliveries created before %s", n, cutoff);
                    }
                });
    }
}
