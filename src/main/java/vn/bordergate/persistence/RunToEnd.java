package vn.bordergate.persistence;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.CompletableFuture;

/**
 * Work that must not stop half-way when the one waiting for it leaves (a client that disconnects or
 * times out cancels its request): it runs to its end, and its outcome is only dropped.
 */
public final class RunToEnd {

    private RunToEnd() {
    }

    public static <T> Uni<T> detached(Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<T> outcome = new CompletableFuture<>();
            work.subscribe().with(outcome::complete, outcome::completeExceptionally);
            // Cancelling what the caller holds cancels only this future, never the subscription above.
            return Uni.createFrom().completionStage(outcome);
        });
    }
}
