package vn.bordergate.common;

import io.smallrye.mutiny.Uni;

import java.util.function.IntFunction;

/** Deletes in batches until a batch comes back short: many short transactions instead of one long one. */
public final class Purge {

    private Purge() {
    }

    /**
     * Runs {@code batch} (which deletes at most {@code size} rows and answers how many) until it deletes
     * fewer than {@code size}; answers the total.
     */
    public static Uni<Long> inBatches(int size, IntFunction<Uni<Integer>> batch) {
        return next(size, batch, 0);
    }

    private static Uni<Long> next(int size, IntFunction<Uni<Integer>> batch, long sofar) {
        return batch.apply(size).chain(deleted -> deleted < size ? Uni.createFrom().item(sofar + deleted)
                : next(size, batch, sofar + deleted));
    }
}
