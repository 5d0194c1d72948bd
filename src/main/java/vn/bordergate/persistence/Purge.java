package vn.bordergate.persistence;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;

/**
 * Deletes what is older than its retention, in batches until a batch comes back short: many short
 * transactions instead of one long one. Each feature purges its own table through its repository.
 */
public final class Purge {

    private Purge() {
    }

    /**
     * Deletes, through {@code batch} (cutoff, at most this many rows; answers how many it deleted), the
     * {@code what} older than {@code keep}; answers the total and logs it when there was any.
     */
    public static Uni<Long> olderThan(String what, Duration keep, Clock clock, int batchSize,
                                      BiFunction<OffsetDateTime, Integer, Uni<Integer>> batch) {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(keep);
        return next(cutoff, batchSize, batch, 0).invoke(n -> {
            if (n > 0) {
                Log.infof("purged %d %s older than %s", n, what, cutoff);
            }
        });
    }

    /** For a scheduled purge: a failure is logged and the next run tries again. */
    public static Uni<Void> logFailure(String what, Uni<Long> purge) {
        return purge.onFailure().invoke(e -> Log.warnf("purge of %s failed: %s", what, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static Uni<Long> next(OffsetDateTime cutoff, int size,
                                  BiFunction<OffsetDateTime, Integer, Uni<Integer>> batch, long sofar) {
        return batch.apply(cutoff, size).chain(deleted -> deleted < size ? Uni.createFrom().item(sofar + deleted)
                : next(cutoff, size, batch, sofar + deleted));
    }
}
