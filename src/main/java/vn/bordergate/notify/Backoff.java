package vn.bordergate.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;

/** When a failed delivery is tried again: exponential waits, capped, until the event is too old. */
@ApplicationScoped
class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Duration giveUpAfter;

    @Inject
    public Backoff(WebhookConfig config) {
        this(config.retryInitial(), config.retryMax(), config.giveUpAfter());
    }

    Backoff(Duration initial, Duration max, Duration giveUpAfter) {
        this.initial = initial;
        this.max = max;
        this.giveUpAfter = giveUpAfter;
    }

    /**
     * The next attempt after {@code attempts} failed ones, or null to give up. The last attempt is made at
     * the deadline itself, so a receiver that comes back within the window always gets the event.
     */
    public OffsetDateTime next(int attempts, OffsetDateTime eventAt, OffsetDateTime now) {
        OffsetDateTime deadline = eventAt.plus(giveUpAfter);
        if (!now.isBefore(deadline)) {
            return null;
        }
        OffsetDateTime next = now.plus(delay(attempts));
        return next.isAfter(deadline) ? deadline : next;
    }

    /** initial, 2 x initial, 4 x initial ... never more than max. */
    Duration delay(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
