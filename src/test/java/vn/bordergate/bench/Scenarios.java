package vn.bordergate.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Gatling scenarios in the order the figures need them (a JIT warm-up, maximum booking rate, steady bookings
 * at half of it, the stampede, the mixed day), and what each one's outcomes say: rates, latencies, answers by
 * class. A booking phase with no booking accepted measured nothing (a token refused, a day not open): exit 1.
 */
final class Scenarios {

    private static final String BOOK = "book";
    private static final List<String> MIXED_REQUESTS = List.of("availability", "status-read", "book", "amend", "check-in", "call-up");

    private final BenchKnobs knobs;
    private final Figures figures;
    private final Verdict verdict;
    private final GatlingRun gatling;
    private final PhaseProfiler profiler;

    Scenarios(BenchKnobs knobs, Figures figures, Verdict verdict, GatlingRun gatling, PhaseProfiler profiler) {
        this.knobs = knobs;
        this.figures = figures;
        this.verdict = verdict;
        this.gatling = gatling;
        this.profiler = profiler;
    }

    void warmup() {
        if (knobs.bookingWarmupSeconds() > 0) {
            // Its own plate series: a truck booked here would make the measured phase's booking of it a 409.
            GatlingRun.Ran ran = gatling.run("BookingMaxSimulation", "warmup", Map.of("clients", str(knobs.clients()),
                    "duration", str(knobs.bookingWarmupSeconds()), "series", "BW", "name", "warmup"));
            requireAccepted("warmup", ran.outcomes());
        }
    }

    /** The maximum rate, in bookings per second (null when not measured). */
    Double max(String pgbenchTps, String redisRps) {
        if (!knobs.runs("max")) {
            return null;
        }
        profiler.start("max");
        GatlingRun.Ran ran = gatling.run("BookingMaxSimulation", "max",
                Map.of("clients", str(knobs.clients()), "duration", str(knobs.maxSeconds())));
        profiler.stop("max");
        OutcomesFile max = ran.outcomes();
        requireAccepted("max", max);
        Double rate = max == null ? null : GatlingRun.perSecond(max, max.count(BOOK, 201));
        figures.put("booking_max_rps", rate == null ? null : Figures.rounded(rate, 1));
        if (rate != null && ran.cores() != null) {
            figures.put("booking_cpu_ms_per_request", Figures.rounded(ran.cores() * 1000 / rate, 2));
        }
        figures.put("booking_max_clients", knobs.clients());
        latencyFigures(max, "booking_max", BOOK);
        figures.put("ratio_booking_vs_pgbench", Figures.rounded(Figures.ratio(rate, Figures.number(pgbenchTps)), 3));
        figures.put("ratio_booking_vs_redis_claim", Figures.rounded(Figures.ratio(rate, Figures.number(redisRps)), 3));
        statusFigures(max);
        return rate;
    }

    /** Runs the steady phase at {@code RATE}, or half the maximum; returns the rate offered. */
    String steady(Double maxRate) {
        String rate = knobs.rate().equals("auto")
                ? maxRate == null ? "50" : Figures.rounded(Math.max(1, maxRate / 2), 1)
                : knobs.rate();
        if (knobs.runs("steady")) {
            OutcomesFile steady = gatling.run("SteadyBookingSimulation", "steady",
                    Map.of("rate", rate, "duration", str(knobs.steadySeconds()))).outcomes();
            requireAccepted("steady", steady);
            figures.put("booking_steady_offered_rps", rate);
            figures.put("booking_steady_rps", steady == null ? null
                    : Figures.rounded((double) steady.count(BOOK, 201) / knobs.steadySeconds(), 1));
            latencyFigures(steady, "booking_steady", BOOK);
            statusFigures(steady);
        }
        return rate;
    }

    void stampede() {
        if (!knobs.runs("stampede")) {
            return;
        }
        profiler.start("stampede");
        OutcomesFile stampede = gatling.run("StampedeSimulation", "stampede", Map.of("gate", knobs.stampedeGate(),
                "direction", knobs.stampedeDirection(), "day", knobs.stampedeDay(), "firms", str(knobs.stampedeFirms()),
                "perFirm", str(knobs.stampedePerFirm()), "within", str(knobs.stampedeWithin()))).outcomes();
        profiler.stop("stampede");
        long requests = (long) knobs.stampedeFirms() * knobs.stampedePerFirm();
        figures.put("stampede_requests", requests);
        if (stampede == null) {
            return;
        }
        long accepted = stampede.count(BOOK, 201);
        String places = stampede.meta("expected_accepted").orElse(null);
        figures.put("stampede_places", places);
        figures.put("stampede_accepted", accepted);
        // 1: as many 201s as there were free places. BenchChecks judges the stampede on the rows (its "stampede"
        // check): every place sold, none twice, and a place without its 201 only for a request that got no answer.
        figures.put("stampede_exact", Long.toString(accepted).equals(places) ? 1 : 0);
        // Every answer by class: taken (201), refused for good (409), told to come back (429), failed (5xx), none
        // (timeout or connection error), and anything else (a request the service could not take: the bench's fault).
        long n429 = stampede.count(BOOK, 429);
        long other = stampede.count(BOOK, s -> s != 0 && s != 201 && s != 409 && s != 429 && s < 500);
        figures.put("stampede_201", accepted);
        figures.put("stampede_409", stampede.count(BOOK, 409));
        figures.put("stampede_429", n429);
        figures.put("stampede_5xx", stampede.count(BOOK, s -> s >= 500));
        figures.put("stampede_no_answer", stampede.count(BOOK, 0));
        figures.put("stampede_other_status", other);
        figures.put("stampede_429_share_pct", Figures.rounded(100.0 * n429 / requests, 1));
        if (other > 0) {
            Progress.say("   stampede: " + other + " answers were neither 201, 409, 429 nor 5xx, see stampede_status_*");
            verdict.broken("stampede: " + other + " answers neither 201, 409, 429 nor 5xx");
        }
        figures.put("stampede_answered_within_s", stampede.metaLong("answered_within_ms")
                .map(ms -> Figures.rounded(ms / 1000.0, 2)).orElse(null));
        latencyFigures(stampede, "stampede", BOOK);
        statusFigures(stampede);
    }

    void mixed(String steadyRate) {
        if (!knobs.runs("mixed")) {
            return;
        }
        String rate = knobs.mixedRate().equals("auto") ? steadyRate : knobs.mixedRate();
        OutcomesFile mixed = gatling.run("MixedDaySimulation", "mixed",
                Map.of("rate", rate, "duration", str(knobs.mixedSeconds()))).outcomes();
        requireAccepted("mixed", mixed);
        figures.put("mixed_offered_rps", rate);
        for (String request : MIXED_REQUESTS) {
            figures.put("mixed_" + request.replace('-', '_') + "_p99_ms", latency(mixed, request, "p99"));
        }
        figures.put("mixed_all_p50_ms", latency(mixed, "all", "p50"));
        figures.put("mixed_all_p99_ms", latency(mixed, "all", "p99"));
        figures.put("mixed_all_p999_ms", latency(mixed, "all", "p999"));
        if (mixed != null) {
            figures.put("mixed_check_in_not_available", mixed.count("check-in", 404, "not-available") + "/"
                    + mixed.count("check-in", 405, "not-available"));
            figures.put("mixed_call_up_not_available", mixed.count("call-up", 404, "not-available") + "/"
                    + mixed.count("call-up", 405, "not-available"));
            figures.put("mixed_5xx", mixed.count(null, s -> s >= 500));
        }
        statusFigures(mixed);
    }

    private void requireAccepted(String name, OutcomesFile outcomes) {
        if (outcomes != null && outcomes.count(BOOK, 201) == 0) {   // no outcomes: already counted by GatlingRun
            StringBuilder answers = new StringBuilder();
            outcomes.answers().stream().filter(a -> a.request().equals(BOOK))
                    .forEach(a -> answers.append(a.type()).append(' ').append(a.status()).append('×').append(a.count()).append("; "));
            Progress.say("   " + name + ": no booking was accepted; answers: " + answers);
            verdict.broken(name + ": no booking accepted");
        }
    }

    private void latencyFigures(OutcomesFile outcomes, String prefix, String request) {
        for (String field : List.of("p50", "p99", "p999", "max")) {
            figures.put(prefix + "_" + field + "_ms", latency(outcomes, request, field));
        }
    }

    private static String latency(OutcomesFile outcomes, String request, String field) {
        return outcomes == null ? null : outcomes.latency(request, field).orElse(null);
    }

    /** One figure per request, status and problem type, e.g. {@code stampede_status_book_409_slot_full}. */
    private void statusFigures(OutcomesFile outcomes) {
        if (outcomes == null) {
            return;
        }
        Map<String, Long> byKey = new TreeMap<>();
        for (OutcomesFile.Answer a : outcomes.answers()) {
            String key = outcomes.scenario() + "_status_" + a.request() + "_" + a.status() + (a.type().equals("-") ? "" : "_" + a.type());
            byKey.merge(key.replace('-', '_'), a.count(), Long::sum);
        }
        byKey.forEach(figures::put);
    }

    private static String str(int value) {
        return Integer.toString(value);
    }
}
