package vn.bordergate.bench;

import java.nio.file.Path;

/**
 * async-profiler attached to the running service (instance 0) for one phase only, through
 * {@code jcmd JVMTI.agent_load}, so start-up and the other phases stay out of the flame graph.
 */
final class PhaseProfiler {

    private final Path library;
    private final String event;
    private final String phase;
    private final long pid;
    private final Path logs;
    private final Path results;

    PhaseProfiler(Path library, String event, String phase, long pid, Path logs, Path results) {
        this.library = library;
        this.event = event;
        this.phase = phase;
        this.pid = pid;
        this.logs = logs;
        this.results = results;
    }

    void start(String current) {
        if (covers(current)) {
            // jcmd reads key=value itself: the options are quoted again so they reach the agent whole.
            Command.of("jcmd", Long.toString(pid), "JVMTI.agent_load", library.toString(), "\"start,event=" + event + "\"")
                    .run(logs.resolve("profiler.log"));
        }
    }

    void stop(String current) {
        if (covers(current)) {
            Path flame = results.resolve("flame-" + current + "-" + event + ".html");
            Command.of("jcmd", Long.toString(pid), "JVMTI.agent_load", library.toString(), "\"stop,file=" + flame + "\"")
                    .run(logs.resolve("profiler-stop.log"));
            Progress.say("   " + current + ": flame graph in " + flame);
        }
    }

    private boolean covers(String current) {
        return library != null && event != null && current.equals(phase);
    }
}
