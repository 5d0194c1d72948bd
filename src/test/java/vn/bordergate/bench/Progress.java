package vn.bordergate.bench;

/**
 * The run's progress on standard error ({@code bench: ...}), apart from the figures on standard output; each step's
 * heading shows the seconds since the bench began, where the time of a run goes.
 */
final class Progress {

    private static volatile long beganSeconds = System.currentTimeMillis() / 1000;

    private Progress() {
    }

    /** When deploy/bench/run.sh began (epoch seconds): the build and start-up count too. */
    static void beganAt(long epochSeconds) {
        beganSeconds = epochSeconds;
    }

    static long secondsSinceStart() {
        return System.currentTimeMillis() / 1000 - beganSeconds;
    }

    static void say(String message) {
        System.err.println("bench: " + message);
    }

    static void step(String heading) {
        say(heading + " [" + secondsSinceStart() + " s]");
    }
}
