package vn.bordergate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * One scenario's {@code <name>.outcomes}, as {@code vn.bordergate.load.Outcomes} writes it: the only reader of
 * that format, used for the figures and for the exactness checks alike.
 *
 * <pre>
 * meta &lt;key&gt; &lt;value&gt;
 * outcome &lt;request&gt; &lt;status&gt; &lt;problem type or -&gt; &lt;count&gt;
 * latency &lt;request or all&gt; count=.. p50=.. p95=.. p99=.. p999=.. max=.. mean=..
 * </pre>
 *
 * A line of another shape stops the reading with its number: a format changed on one side only must not turn
 * into figures of zero.
 */
record OutcomesFile(String scenario, Map<String, String> meta, List<Answer> answers,
                    Map<String, Map<String, String>> latencies) {

    /** Answers to one request with one status and problem type ({@code -} when none); status 0 = no answer. */
    record Answer(String request, int status, String type, long count) {
    }

    static OutcomesFile read(Path file) {
        String name = file.getFileName().toString();
        try {
            return parse(name.substring(0, name.length() - ".outcomes".length()), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OutcomesFile parse(String scenario, List<String> lines) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<Answer> answers = new ArrayList<>();
        Map<String, Map<String, String>> latencies = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split(" ");
            try {
                switch (f[0]) {
                    case "" -> {
                    }
                    case "meta" -> {
                        require(f.length == 3);
                        meta.put(f[1], f[2]);
                    }
                    case "outcome" -> {
                        require(f.length == 5);
                        answers.add(new Answer(f[1], Integer.parseInt(f[2]), f[3], Long.parseLong(f[4])));
                    }
                    case "latency" -> {
                        require(f.length >= 3);
                        Map<String, String> values = new LinkedHashMap<>();
                        for (int k = 2; k < f.length; k++) {
                            String[] kv = f[k].split("=", 2);
                            require(kv.length == 2);
                            values.put(kv[0], kv[1]);
                        }
                        latencies.putIfAbsent(f[1], values);
                    }
                    default -> require(false);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(scenario + ".outcomes line " + (i + 1) + " is not meta/outcome/latency as "
                        + "vn.bordergate.load.Outcomes writes them: '" + lines.get(i) + "'", e);
            }
        }
        return new OutcomesFile(scenario, meta, answers, latencies);
    }

    private static void require(boolean shape) {
        if (!shape) {
            throw new IllegalArgumentException("unexpected shape");
        }
    }

    /** Answers to {@code request} with that status (any problem type). */
    long count(String request, int status) {
        return count(request, s -> s == status);
    }

    long count(String request, int status, String type) {
        return answers.stream().filter(a -> a.request.equals(request) && a.status == status && a.type.equals(type))
                .mapToLong(Answer::count).sum();
    }

    /** Answers to {@code request} (null: any request) whose status matches. */
    long count(String request, IntPredicate status) {
        return answers.stream().filter(a -> (request == null || a.request.equals(request)) && status.test(a.status))
                .mapToLong(Answer::count).sum();
    }

    /** Every answer, of every request and status. */
    long answered() {
        return answers.stream().mapToLong(Answer::count).sum();
    }

    Optional<String> meta(String key) {
        return Optional.ofNullable(meta.get(key));
    }

    Optional<Long> metaLong(String key) {
        return meta(key).map(Long::parseLong);
    }

    /** A latency field ({@code p50}, {@code p99}, {@code max}...) of a request, or of {@code all}. */
    Optional<String> latency(String request, String field) {
        return Optional.ofNullable(latencies.getOrDefault(request, Map.of()).get(field));
    }
}
