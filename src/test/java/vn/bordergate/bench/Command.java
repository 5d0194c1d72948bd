package vn.bordergate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An external program the bench runs (a load tool, Gatling, jcmd), its output to a log file. */
final class Command {

    private final List<String> argv = new ArrayList<>();
    private final Map<String, String> env = new java.util.HashMap<>();
    private Path directory;

    private Command(List<String> argv) {
        this.argv.addAll(argv);
    }

    static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    static Command of(List<String> argv) {
        return new Command(argv);
    }

    /**
     * With {@code PIN=1} the service has core 0 to itself: the load generators run on the others (taskset), so
     * the CPU a booking costs is measured without their share mixed in.
     */
    Command offServiceCore(boolean pin) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (pin && cores > 1) {
            argv.addAll(0, List.of("taskset", "-c", "1-" + (cores - 1)));
        }
        return this;
    }

    Command in(Path dir) {
        directory = dir;
        return this;
    }

    Command env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs to its end with standard output and error in {@code log}; returns the exit status. */
    int run(Path log) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(argv.getFirst() + " interrupted", e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #run(Path)}, and a failure stops the run naming the log. */
    String runOrFail(Path log, String what) {
        int status = run(log);
        if (status != 0) {
            throw new BenchFailure(what + " failed (exit " + status + "), see " + log);
        }
        return read(log);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
