package vn.bordergate.board;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * At most one signal per interval, the first at once. A change at a quiet gate reaches the yard's screen
 * now (a fixed one-second window would hold a call-up back by up to a second); a busy gate's changes
 * within the interval become one signal at its end, so watchers still get at most one board a second.
 */
final class Throttle {

    private Throttle() {
    }

    static Multi<Object> firstAtOnce(Multi<?> changes, Duration interval) {
        long intervalNanos = interval.toNanos();
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            long[] lastSent = {System.nanoTime() - intervalNanos};
            boolean[] scheduled = {false};
            Cancellable upstream = changes.subscribe().with(change -> {
                long wait;
                synchronized (lock) {
                    if (scheduled[0]) {
                        return; // the signal already scheduled will cover this change too
                    }
                    long now = System.nanoTime();
                    wait = lastSent[0] + intervalNanos - now;
                    if (wait <= 0) {
                        lastSent[0] = now;
                    } else {
                        scheduled[0] = true;
                    }
                }
                if (wait <= 0) {
                    emitter.emit(change);
                    return;
                }
                Infrastructure.getDefaultWorkerPool().schedule(() -> {
                    synchronized (lock) {
                        scheduled[0] = false;
                        lastSent[0] = System.nanoTime();
                    }
                    emitter.emit(change);
                }, wait, TimeUnit.NANOSECONDS);
            }, emitter::fail, emitter::complete);
            emitter.onTermination(upstream::cancel);
        });
    }
}
