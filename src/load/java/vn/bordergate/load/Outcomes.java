package vn.bordergate.load;

import io.gatling.javaapi.core.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every answer of a simulation by request, HTTP status and problem type, and keeps the ids of accepted
 * declarations, so the bench can check that every 201 has its row. Gatling's own report has percentiles but
 * not this breakdown.
 *
 * <p>Written in the simulation's {@code after()} to {@code <outDir>/<name>.outcomes} (lines
 * {@code outcome <request> <status> <type> <count>}, {@code latency <request> count=.. p50=.. p99=.. p999=.. max=..
 * mean=..} in milliseconds over every answer, and {@code meta <key> <value>}) and {@code <name>.ids}.
 * Status {@code 0} means no answer (timeout or connection error); it has no latency.
 */
public final class Outcomes {

    /** Session keys the request checks save into. */
    public static final String STATUS = "bg_status";
    public static final String TYPE = "bg_type";
    public static final String LOCATION = "bg_location";
    public static final String ETAG = "bg_etag";
    public static final String MILLIS = "bg_millis";

    /** The request whose 201s are declarations: their ids are kept for the bench's "every 201 has its row". */
    public static final String ACCEPTING_REQUEST = "book";

    /** Captures the problem type's last path segment, e.g. {@code slot-full}. */
    public static final String TYPE_PATTERN = "\"type\"\\s*:\\s*\"[^\"]*/problems/([A-Za-z0-9-]+)\"";

    private final String name;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Latencies> latencies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();
    private final Map<String, String> meta = new ConcurrentHashMap<>();
    private final AtomicLong firstSentMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstAnswerMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAnswerMillis = new AtomicLong(0);
    private volatile long startedMillis;

    public Outcomes(String name) {
        this.name = name;
    }

    public void start() {
        startedMillis = System.currentTimeMillis();
        meta("started_epoch_ms", Long.toString(startedMillis));
    }

    public void meta(String key, String value) {
        meta.put(key, value);
    }

    /** Notes that a request is about to be sent: the first one starts the "answered within" clock. */
    public void sending() {
        if (firstSentMillis.get() == Long.MAX_VALUE) {
            firstSentMillis.accumulateAndGet(System.currentTimeMillis(), Math::min);
        }
    }

    /** Records the answer just received by this virtual user; returns the session without the saved values. */
    public Session record(String request, Session session) {
        return record(request, session, null);
    }

    /** As {@link #record(String, Session)}; {@code typeOverride} (e.g. "not-available") replaces the problem type. */
    public Session record(String request, Session session, String typeOverride) {
        int status = status(session);
        String type = typeOverride != null ? typeOverride
                : session.contains(TYPE) ? session.getString(TYPE) : "-";
        counts.computeIfAbsent(request + " " + status + " " + type, k -> new LongAdder()).increment();
        if (session.contains(MILLIS)) {
            latencies.computeIfAbsent(request, k -> new Latencies()).add(session.getInt(MILLIS));
        }
        long now = System.currentTimeMillis();
        firstAnswerMillis.accumulateAndGet(now, Math::min);
        lastAnswerMillis.accumulateAndGet(now, Math::max);
        if (status == 201 && request.equals(ACCEPTING_REQUEST) && session.contains(LOCATION)) {
            String location = session.getString(LOCATION);
            acceptedIds.add(location.substring(location.lastIndexOf('/') + 1));
        }
        return session.remove(TYPE).remove(MILLIS);
    }

    public static int status(Session session) {
        return session.contains(STATUS) ? session.getInt(STATUS) : 0;
    }

    public long count(String request, int status) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(request + " " + status + " "))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    public long total(String request) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(request + " "))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Writes the counts and ids, and prints a short summary on the console. */
    public void write() {
        if (lastAnswerMillis.get() > 0) {
            long from = firstSentMillis.get() == Long.MAX_VALUE ? startedMillis : firstSentMillis.get();
            meta("first_sent_epoch_ms", Long.toString(from));
            meta("first_answer_epoch_ms", Long.toString(firstAnswerMillis.get()));
            meta("last_answer_epoch_ms", Long.toString(lastAnswerMillis.get()));
            // From the first request sent to the last answer received.
            meta("answered_within_ms", Long.toString(lastAnswerMillis.get() - from));
        }
        List<String> lines = new ArrayList<>();
        new TreeMap<>(meta).forEach((k, v) -> lines.add("meta " + k + " " + v));
        new TreeMap<>(counts).forEach((k, v) -> lines.add("outcome " + k + " " + v.sum()));
        Latencies all = new Latencies();
        new TreeMap<>(latencies).forEach((request, l) -> {
            lines.add("latency " + request + " " + l.summary());
            all.addAll(l);
        });
        lines.add("latency all " + all.summary());
        try {
            Path dir = LoadConfig.outDir();
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".outcomes"), lines);
            Files.write(dir.resolve(name + ".ids"), acceptedIds);
            System.out.println("---- " + name + " outcomes (" + dir.resolve(name + ".outcomes").toAbsolutePath() + ")");
            lines.forEach(line -> System.out.println("  " + line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Response times at millisecond resolution (as Gatling measures them), up to a minute. */
    static final class Latencies {

        private static final int MAX = 60_000;
        private final AtomicLongArray counts = new AtomicLongArray(MAX + 1);
        private final LongAdder sum = new LongAdder();
        private final LongAdder total = new LongAdder();

        void add(int millis) {
            counts.incrementAndGet(Math.max(0, Math.min(MAX, millis)));
            sum.add(millis);
            total.increment();
        }

        void addAll(Latencies other) {
            for (int i = 0; i <= MAX; i++) {
                long n = other.counts.get(i);
                if (n > 0) {
                    counts.addAndGet(i, n);
                }
            }
            sum.add(other.sum.sum());
            total.add(other.total.sum());
        }

        /** Nearest-rank percentile: the smallest time at or below which {@code q} of the answers came. */
        long percentile(double q) {
            long n = total.sum();
            if (n == 0) {
                return -1;
            }
            long rank = Math.max(1, (long) Math.ceil(q * n));
            long seen = 0;
            for (int i = 0; i <= MAX; i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return i;
                }
            }
            return MAX;
        }

        String summary() {
            long n = total.sum();
            return "count=" + n + " p50=" + percentile(0.50) + " p95=" + percentile(0.95) + " p99=" + percentile(0.99)
                    + " p999=" + percentile(0.999) + " max=" + percentile(1.0)
                    + " mean=" + (n == 0 ? -1 : String.format(Locale.ROOT, "%.1f", (double) sum.sum() / n));
        }
    }
}
