package vn.bordergate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One simulation of src/load on Gatling's own entry point, with the {@code -Pload} test classpath written at build
 * time ({@code target/load-classpath.txt}) and the JVM options gatling-maven-plugin uses: no Maven run per
 * scenario (that cost 15-40 s each on 2 cores). Figures every scenario gets: whether Gatling's own assertions
 * held, connections the kernel dropped, the phase's RSS and CPU, and the service's CPU per answered request.
 */
final class GatlingRun {

    private final BenchKnobs knobs;
    private final Deployment service;
    private final Figures figures;
    private final Verdict verdict;
    private final ServiceSamples samples;
    private final Map<String, String> common;

    GatlingRun(BenchKnobs knobs, Deployment service, Figures figures, Verdict verdict, ServiceSamples samples, String gates) {
        this.knobs = knobs;
        this.service = service;
        this.figures = figures;
        this.verdict = verdict;
        this.samples = samples;
        this.common = new java.util.LinkedHashMap<>(Map.of(
                "baseUrl", service.appUrl(), "outDir", service.results().toString(),
                "privateKey", service.privateKey().toString(), "issuer", service.issuer(), "audience", service.audience(),
                "gates", gates, "days", knobs.loadDays(), "hours", knobs.hours()));
        if (knobs.tokens() != null) {
            common.put("tokens", knobs.tokens());
        }
    }

    /** What a simulation left: its outcomes (null when it wrote none) and the cores the service used meanwhile. */
    record Ran(OutcomesFile outcomes, Double cores) {
    }

    Ran run(String simulation, String name, Map<String, String> properties) {
        Path build = service.build();
        List<String> argv = new ArrayList<>(List.of("java"));
        argv.addAll(Arrays.asList(knobs.gatlingJavaOpts().trim().split("\\s+")));
        argv.addAll(List.of("-cp", build.resolve("target/test-classes") + ":" + build.resolve("target/classes") + ":"
                + Command.read(build.resolve("target/load-classpath.txt")).strip()));
        common.forEach((k, v) -> argv.add("-D" + k + "=" + v));
        properties.forEach((k, v) -> argv.add("-D" + k + "=" + v));
        argv.addAll(List.of("io.gatling.app.Gatling", "--simulation", "vn.bordergate.load." + simulation,
                "--results-folder", service.results().resolve("gatling").toString(), "--run-description", name));
        Progress.say("   " + name + ": " + simulation + " " + properties);

        Path outcomesFile = service.results().resolve(name + ".outcomes");
        long overflows = ServiceSamples.listenOverflows();
        Path log = service.logs().resolve("gatling-" + name + ".log");
        int status = Command.of(argv).offServiceCore(service.pin()).in(build).run(log);
        if (status != 0) {
            Progress.say("   " + name + ": Gatling exited " + status + " (its assertions failed, or an error), see " + log);
        }
        figures.put(name + "_gatling_ok", status == 0 ? 1 : 0);
        figures.put(name + "_tcp_listen_overflows", ServiceSamples.listenOverflows() - overflows);
        if (!Files.exists(outcomesFile)) {
            Progress.say("   " + name + ": no outcomes written, see " + log);
            verdict.broken(name + ": the simulation wrote no outcomes");
            return new Ran(null, null);
        }
        OutcomesFile outcomes = OutcomesFile.read(outcomesFile);
        ServiceSamples.Window window = samples.window(outcomes.metaLong("first_sent_epoch_ms").orElse(0L),
                outcomes.metaLong("last_answer_epoch_ms").orElse(0L));
        window.put(figures, name);
        // The service's CPU per answered request in this phase (cores x 1000 / answers per second).
        Double rps = perSecond(outcomes, outcomes.answered());
        if (rps != null && window.cores() != null) {
            figures.put(name + "_cpu_ms_per_request", Figures.rounded(window.cores() * 1000 / rps, 2));
        }
        return new Ran(outcomes, window.cores());
    }

    /** {@code count} per second of the simulation's answering time (first request sent to last answer), rounded to 0.1. */
    static Double perSecond(OutcomesFile outcomes, long count) {
        long within = outcomes.metaLong("answered_within_ms").orElse(0L);
        return within > 0 ? Figures.number(Figures.rounded(count * 1000.0 / within, 1)) : null;
    }
}
