package vn.bordergate.bench;

import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.SlotSchedule;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark, once deploy/bench/run.sh has started PostgreSQL, Redis and the service: sets capacities through
 * the API, runs the baselines (pgbench, redis-benchmark, wrk) and the Gatling scenarios, checks exactness on the
 * rows and ledgers, and prints one {@code FIGURE name=value} line per figure. Exit status: 0 when every exactness
 * check held, 3 when one failed, 1 when the run failed or a phase measured nothing. Performance figures are
 * printed, never judged.
 *
 * <p>Knobs of the load come from the environment ({@link BenchKnobs}); what the script started comes as
 * {@code --name=value} arguments ({@link Deployment}); PostgreSQL and Redis from {@code PGURL} and {@code REDIS_URL}.
 */
public final class BenchDriver {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    private final BenchKnobs knobs;
    private final Deployment service;
    private final Figures figures;
    private final Verdict verdict = new Verdict();
    private final ServiceSamples samples;
    /** The gates' today when the driver started: the first slot day the run books. */
    private final LocalDate runDay;

    private BenchDriver(BenchKnobs knobs, Deployment service, Figures figures, ServiceSamples samples) {
        this.knobs = knobs;
        this.service = service;
        this.figures = figures;
        this.samples = samples;
        this.runDay = knobs.today();
    }

    public static void main(String[] argv) {
        int status;
        Figures figures = null;
        try {
            Deployment service = Deployment.from(BenchArgs.parse(argv));
            Progress.beganAt(service.beganSeconds());
            BenchKnobs knobs = BenchKnobs.from(System.getenv());
            Files.createDirectories(service.results().resolve("gatling"));
            Figures made = new Figures(service.results().resolve("figures.txt"), service.logs());
            figures = made;
            // Ctrl-C or a kill still prints what was measured so far.
            Runtime.getRuntime().addShutdownHook(new Thread(made::print));
            try (ServiceSamples samples = new ServiceSamples(service.pids(), service.logs().resolve("samples.log"))) {
                status = new BenchDriver(knobs, service, made, samples).run();
            }
        } catch (BenchFailure e) {
            say("ERROR: " + e.getMessage());
            status = Verdict.BROKEN;
        } catch (RuntimeException | IOException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            say("ERROR: " + e + "\n" + trace);
            status = Verdict.BROKEN;
        }
        if (figures != null) {
            figures.print();
        }
        System.exit(status);
    }

    private int run() {
        machine();
        Map<String, Gate> gates = capacities();
        history(gates);
        Ceilings ceilings = baselines(gates);
        scenarios(gates, ceilings);
        checks();
        finish();
        int status = verdict.exitStatus(service.logs().resolve("checks.log").toString());
        if (status == Verdict.HELD) {
            say("every exactness check held (" + Progress.secondsSinceStart() + " s)");
        }
        return status;
    }

    /** What PostgreSQL and Redis manage on their own, which the booking rate is compared with. */
    private record Ceilings(String pgbenchTps, String redisClaimRps) {
    }

    private Ceilings baselines(Map<String, Gate> gates) {
        step("6/9 baselines: pgbench, redis-benchmark, wrk");
        PgbenchBaseline.Result pgbench;
        try (BenchStores stores = BenchStores.fromEnvironment()) {
            pgbench = PgbenchBaseline.run(stores, System.getenv("PGURL"), knobs.clients(), knobs.pgbenchSeconds(),
                    service.benchDir(), service.logs());
        }
        figures.put("pgbench_insert_tps", pgbench.tps());
        figures.put("pgbench_clients", knobs.clients());
        figures.put("pgbench_latency_avg_ms", pgbench.latencyAvgMs());
        ClaimBaseline.Result claim = ClaimBaseline.run(System.getenv("REDIS_URL"), knobs.redisBenchRequests(), service.logs());
        figures.put("redis_claim_evalsha_rps", claim.rps());
        if (!claim.claimed()) {
            verdict.failed("redis_claim_ok_then_full");   // the calls took no place: a baseline of error replies
        }
        figures.put("redis_claim_ok_then_full", claim.okThenFull());
        new WrkBaseline(knobs.wrkConnections(), knobs.warmupSeconds(), knobs.wrkSeconds(), service.logs())
                .measure(figures, samples, service.mgmtUrl(), service.appUrl(), WrkBaseline.slotsScript(service.benchDir(),
                        List.copyOf(gates.keySet()), List.of(knobs.today().plusDays(1), knobs.today().plusDays(2))));
        return new Ceilings(pgbench.tps(), claim.rps());
    }

    private void scenarios(Map<String, Gate> gates, Ceilings ceilings) {
        step("7/9 Gatling scenarios: " + String.join(",", knobs.scenarios()));
        GatlingRun gatling = new GatlingRun(knobs, service, figures, verdict, samples, String.join(",", gates.keySet()));
        PhaseProfiler profiler = new PhaseProfiler(service.profilerLib(), knobs.profile(), knobs.profilePhase(),
                service.pids().getFirst(), service.logs(), service.results());
        Scenarios scenarios = new Scenarios(knobs, figures, verdict, gatling, profiler);
        scenarios.warmup();
        Double maxRate = scenarios.max(ceilings.pgbenchTps(), ceilings.redisClaimRps());
        String steadyRate = scenarios.steady(maxRate);
        scenarios.stampede();
        scenarios.mixed(steadyRate);
    }

    /** The reads that grow with history, on the history run.sh seeded (HISTORY_ROWS), before any load. */
    private void history(Map<String, Gate> gates) {
        if (service.history() == null) {
            return;
        }
        step("5b/9 history: statistics, listings and audit reads over " + service.history().rows() + " seeded declarations");
        new HistoryPhase(service, service.history(), figures, verdict, knobs.shortRun()).run(List.copyOf(gates.keySet()));
    }

    /** The machine and the service as started: other work running now lowers every figure. */
    private void machine() {
        figures.put("machine_cores", Runtime.getRuntime().availableProcessors());
        figures.put("machine_loadavg_1m_at_start", service.loadavgAtStart());
        if (service.balanced()) {
            figures.put("instances", service.instances());
            new Balancer(service.balancerSocket()).awaitEveryInstanceChecked(service.instances(), service.logs().resolve("haproxy.log"));
        }
        try (BenchStores stores = BenchStores.fromEnvironment()) {
            if (knobs.onlineDays() > 0) {
                // N more (empty) day partitions behind today, as a service that has run N days holds online, so the
                // queries that name no day are measured against them.
                stores.sql("DO $$ DECLARE d date; t text; BEGIN FOR d IN SELECT generate_series(current_date - "
                        + knobs.onlineDays() + " - 1, current_date - 2, '1 day')::date LOOP "
                        + "FOREACH t IN ARRAY ARRAY['declarations', 'declaration_events', 'inspections'] LOOP "
                        + "EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', "
                        + "t || '_p' || to_char(d, 'YYYYMMDD'), t, d, d + 1); END LOOP; END LOOP; END $$");
            }
            figures.put("online_day_partitions", stores.number("SELECT count(*) FROM pg_inherits WHERE inhparent = 'declarations'::regclass"));
        }
        Matcher started = STARTED_IN.matcher(Command.read(service.appLog()));
        figures.put("startup_s", started.find() ? started.group(1) : null);
        figures.put("startup_to_ready_s", Figures.rounded((service.readyMillis() - service.startedMillis()) / 1000.0, 2));
        long rssKb = samples.rssKbNow();
        figures.put("rss_after_start_mb", rssKb / 1024);
        if (service.balanced()) {
            figures.put("rss_after_start_mb_per_instance", rssKb / 1024 / service.instances());
        }
    }

    /** Capacities through the API, after checking that the gates offer every slot the load will book. */
    private Map<String, Gate> capacities() {
        step("5/9 capacities (PUT /api/v1/gates/{code}/capacity as an admin; the service reloads its ledgers)");
        BenchApi api = BenchApi.signedBy(service.appUrl(), service.privateKey(), service.issuer(), service.audience());
        Map<String, Gate> gates = api.gates().stream()
                .collect(Collectors.toMap(g -> g.code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        if (gates.isEmpty()) {
            throw new BenchFailure("GET /api/v1/gates named no gate");
        }
        SlotSchedule schedule = new SlotSchedule(Clock.systemUTC());
        LocalDate stampedeDay = LocalDate.parse(knobs.stampedeDay());
        new LoadPlan(List.copyOf(gates.keySet()), knobs.loadDayList(), knobs.hourList(), knobs.stampedeGate(), stampedeDay, true)
                .require(gates, schedule);
        CapacitySetup capacity = new CapacitySetup(api, schedule);
        if (knobs.raiseCapacity()) {
            // Steady, max and mixed spread over today and the LOAD_DAYS: capacity is not what limits them.
            List<LocalDate> raise = new ArrayList<>();
            raise.add(knobs.today());
            raise.addAll(knobs.loadDayList());
            capacity.raise(gates.values(), raise.stream().distinct().filter(d -> !d.equals(stampedeDay)).toList());
        }
        // The stampede gate-day: STAMPEDE_PLACES places over its slots in STAMPEDE_DIRECTION, none in the other.
        capacity.stampede(gates.get(knobs.stampedeGate()), Direction.valueOf(knobs.stampedeDirection()), stampedeDay,
                knobs.stampedePlaces());
        return gates;
    }

    /** BenchChecks on PostgreSQL and Redis after the load; what each compared goes to logs/checks.log. */
    private void checks() {
        step("8/9 correctness: BenchChecks on PostgreSQL and Redis after the load");
        Path log = service.logs().resolve("checks.log");
        String stampede = knobs.runs("stampede")
                ? knobs.stampedeGate() + ":" + knobs.stampedeDirection() + ":" + knobs.stampedeDay() : null;
        BenchChecks.Result result;
        try (BenchStores stores = BenchStores.fromEnvironment()) {
            // The seeded history's slot days all lie before the run's first day: not what the run booked.
            LocalDate from = service.history() == null ? null : runDay;
            result = BenchChecks.check(stores, service.results(), stampede, from, line -> {
                say("   " + line);
                append(log, line);
            });
        } catch (RuntimeException e) {
            throw new BenchFailure("the checks could not run: " + e, e);
        }
        result.figures().forEach(figures::put);
        if (!result.failures().isEmpty()) {
            append(log, "bench checks FAILED: " + String.join(", ", result.failures()));
            verdict.failed("BenchChecks: " + String.join(", ", result.failures()));
        }
    }

    private void finish() {
        step("9/9 memory, time and a metrics snapshot");
        try {
            HttpResponse<Path> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.mgmtUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofFile(service.results().resolve("metrics-after-load.prom")));
            if (metrics.statusCode() != 200) {
                say("   metrics snapshot answered " + metrics.statusCode());
            }
        } catch (IOException e) {
            say("   no metrics snapshot: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        samples.close();
        long rssMaxKb = samples.rssMaxKb();
        figures.put("rss_max_mb", rssMaxKb / 1024);
        if (service.balanced()) {
            figures.put("rss_max_mb_per_instance", rssMaxKb / 1024 / service.instances());
            // How the balancer spread the run, and whether an instance left the rotation under load.
            try {
                for (Balancer.Server server : new Balancer(service.balancerSocket()).servers()) {
                    append(service.logs().resolve("lb-servers.txt"), server.toString());
                    figures.put("lb_" + server.name().replace('-', '_') + "_requests", server.requests());
                    figures.put("lb_" + server.name().replace('-', '_') + "_went_down", server.wentDown());
                }
            } catch (IOException e) {
                say("   HAProxy's counters not read: " + e);
            }
        }
        figures.put("bench_total_s", Progress.secondsSinceStart());
    }

    private static void say(String message) {
        Progress.say(message);
    }

    private static void step(String heading) {
        Progress.step(heading);
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
