package vn.bordergate.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24));
    private final OffsetDateTime event = OffsetDateTime.parse("2026-12-01T08:00:00+07:00");

    @Test
    void waitsDoubleAfterEachFailureUpToAnHour() {
        assertEquals(Duration.ofSeconds(5), backoff.delay(1));
        assertEquals(Duration.ofSeconds(10), backoff.delay(2));
        assertEquals(Duration.ofSeconds(20), backoff.delay(3));
        assertEquals(Duration.ofSeconds(2560), backoff.delay(10));
        assertEquals(Duration.ofHours(1), backoff.delay(11));
        assertEquals(Duration.ofHours(1), backoff.delay(500));
    }

    @Test
    void theNextAttemptIsAfterTheWait() {
        OffsetDateTime now = event.plusMinutes(1);
        assertEquals(now.plusSeconds(20), backoff.next(3, event, now));
    }

    @Test
    void theLastAttemptIsAtTheDeadlineAndThenItGivesUp() {
        OffsetDateTime deadline = event.plusHours(24);
        assertEquals(deadline, backoff.next(20, event, deadline.minusMinutes(10)));
        assertNull(backoff.next(21, event, deadline));
        assertNull(backoff.next(1, event, deadline.plusHours(5)));
    }
}
