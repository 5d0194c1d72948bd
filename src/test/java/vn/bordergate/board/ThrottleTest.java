package vn.bordergate.board;

import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A quiet gate's change goes out at once; a burst of changes within the interval goes out once, at its end. */
class ThrottleTest {

    @Test
    void theFirstChangeAtOnceABurstOnceAfterTheInterval() throws Exception {
        BroadcastProcessor<String> changes = BroadcastProcessor.create();
        List<Long> sentAfterMillis = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Throttle.firstAtOnce(changes, Duration.ofMillis(400)).subscribe()
                .with(signal -> sentAfterMillis.add((System.nanoTime() - start) / 1_000_000));

        changes.onNext("called");
        assertEquals(1, sentAfterMillis.size(), "the first change is not held back");
        for (int i = 0; i < 5; i++) {
            changes.onNext("checked in " + i);
        }
        assertEquals(1, sentAfterMillis.size(), "changes within the interval wait");
        Thread.sleep(700);
        assertEquals(2, sentAfterMillis.size(), "and go out together, once");
        assertTrue(sentAfterMillis.get(1) >= 400, "not before the interval: " + sentAfterMillis);
    }
}
