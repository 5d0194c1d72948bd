package vn.bordergate.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/** Interleaves heartbeats into a stream for as long as that stream lasts. */
public final class Heartbeats {

    private Heartbeats() {
    }

    public static <T> Multi<T> until(Multi<T> events, Multi<T> heartbeats) {
        return Multi.createFrom().emitter(emitter -> {
            Cancellable beats = heartbeats.subscribe().with(emitter::emit, emitter::fail);
            Cancellable main = events.subscribe().with(emitter::emit, error -> {
                beats.cancel();
                emitter.fail(error);
            }, () -> {
                beats.cancel();
                emitter.complete();
            });
            emitter.onTermination(() -> {
                beats.cancel();
                main.cancel();
            });
        });
    }
}
