package vn.bordergate.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: real time, shifted by an offset a test may set to stand at a slot's
 * check-in window or past a call deadline. Time keeps flowing; {@link #reset()} returns to the present.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private static volatile Duration offset = Duration.ZERO;

    /** From now on the service believes it is {@code moment} (and time runs on from there). */
    public static void travelTo(OffsetDateTime moment) {
        offset = Duration.between(Instant.now(), moment.toInstant());
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
