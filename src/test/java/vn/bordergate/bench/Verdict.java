package vn.bordergate.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What the run's exit status says: exactness checks that failed (exit 3) and phases that measured nothing
 * (exit 1: the bench, not the service, is broken). Performance figures never come here.
 */
final class Verdict {

    static final int HELD = 0;
    static final int BROKEN = 1;
    static final int INEXACT = 3;

    private final List<String> failed = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();

    synchronized void failed(String check) {
        failed.add(check);
    }

    synchronized void broken(String phase) {
        broken.add(phase);
    }

    /** Says what went wrong and gives the exit status: an exactness failure outranks a broken phase. */
    synchronized int exitStatus(String checksLog) {
        if (!broken.isEmpty()) {
            Progress.say("BROKEN PHASES (the run did not measure what it should): " + String.join("; ", broken));
        }
        if (!failed.isEmpty()) {
            Progress.say("EXACTNESS CHECK FAILED: " + String.join("; ", failed) + "; see " + checksLog);
            return INEXACT;
        }
        return broken.isEmpty() ? HELD : BROKEN;
    }
}
