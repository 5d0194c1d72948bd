package vn.bordergate.support;

import java.time.Duration;

/** Waits for something a test expects to become true, e.g. Redis to agree with PostgreSQL after a fault. */
public final class Eventually {

    /** A condition that may throw while the system is still recovering (a refused connection, a 503). */
    public interface Check {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Whether {@code check} holds within {@code timeout}, asked every 200 ms; a runtime failure counts as "not yet". */
    public static boolean within(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // e.g. Redis still starting
            }
            Thread.sleep(200);
        }
        return check.holds();
    }
}
