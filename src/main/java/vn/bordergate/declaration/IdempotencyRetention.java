package vn.bordergate.declaration;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.common.Purge;
import vn.bordergate.common.RetentionConfig;

import java.time.Clock;
import java.time.OffsetDateTime;

/** Forgets Idempotency-Key answers past {@code bordergate.retention.idempotency-keys}: no retry comes that late. */
@ApplicationScoped
class IdempotencyRetention {

    private final IdempotencyRepository repository;
    private final RetentionConfig config;
    private final Clock clock;

    IdempotencyRetention(IdempotencyRepository repository, RetentionConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{bordergate.retention.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(e -> Log.warnf("idempotency key purge failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes the answers older than the retention; answers how many. */
    Uni<Long> purge() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.idempotencyKeys());
        return Purge.inBatches(config.batchSize(), limit -> repository.deleteOlderThan(cutoff, limit))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("purged %d idempotency keys answered before %s", n, cutoff);
                    }
                });
    }
}
