package vn.bordergate.declaration.idempotency;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.Purge;
import vn.bordergate.persistence.RetentionConfig;

import java.time.Clock;

/** Forgets Idempotency-Key answers past {@code bordergate.retention.idempotency-keys}: no retry comes that late. */
@ApplicationScoped
class IdempotencyRetention {

    private static final String WHAT = "idempotency key answers";

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
        return Purge.logFailure(WHAT, purge());
    }

    /** Deletes the answers older than the retention; answers how many. */
    Uni<Long> purge() {
        return Purge.olderThan(WHAT, config.idempotencyKeys(), clock, config.batchSize(), repository::deleteOlderThan);
    }
}
