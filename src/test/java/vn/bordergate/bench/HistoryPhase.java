package vn.bordergate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import vn.bordergate.security.Roles;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The reads that grow with history, on the history deploy/bench/seed-history.sh seeded before the load: a gate's
 * statistics over 30, 92 and 366 days, the big firm's listing by slot day, its first page and its 20th page, and the
 * verification of a seeded declaration's audit trail. One request at a time (a closed loop of one), each figure the
 * nearest-rank p50 and p99 of its samples after a few unmeasured ones.
 *
 * <p>An answer of 5xx, or no answer, fails the phase (exit 1), as does any other 4xx than a 400 on the 366-day
 * statistics: a service whose range limit is still 92 days refuses those, which is reported
 * ({@code history_stats_366d_status=400}) and not measured.
 */
final class HistoryPhase {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The busiest gate in the seed's weights, when the service has it. */
    private static final String PREFERRED_GATE = "HUU_NGHI";
    private static final int PAGE = 20;

    /** What run.sh seeded: rows, booking days (ending yesterday, UTC), the firm with a fifth of them, seconds taken. */
    record Seeded(long rows, int days, String firm, String seedSeconds) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Deployment service;
    private final Seeded seeded;
    private final Figures figures;
    private final Verdict verdict;
    private final int samples;
    private final int unmeasured;
    private final Path log;
    private final List<String> failures = new ArrayList<>();

    HistoryPhase(Deployment service, Seeded seeded, Figures figures, Verdict verdict, boolean shortRun) {
        this.service = service;
        this.seeded = seeded;
        this.figures = figures;
        this.verdict = verdict;
        this.samples = shortRun ? 8 : 20;
        this.unmeasured = shortRun ? 2 : 3;
        this.log = service.logs().resolve("history.log");
    }

    void run(List<String> gateCodes) {
        figures.put("history_rows", seeded.rows());
        figures.put("history_days", seeded.days());
        figures.put("history_seed_s", seeded.seedSeconds());
        if (seeded.seedSeconds() != null && !seeded.seedSeconds().equals(Figures.NA) && Double.parseDouble(seeded.seedSeconds()) > 0) {
            figures.put("history_seed_rows_per_s", Math.round(seeded.rows() / Double.parseDouble(seeded.seedSeconds())));
        }
        String gate = gateCodes.contains(PREFERRED_GATE) ? PREFERRED_GATE : gateCodes.getFirst();
        String supervisor = token("bench-history-supervisor", Roles.GATE_SUPERVISOR, Map.of("gates", List.of(gate)));
        String firm = token("bench-history-firm", Roles.ENTERPRISE, Map.of("tax_code", seeded.firm()));
        String auditor = token("bench-history-auditor", Roles.AUDITOR, Map.of());
        // The seeded slot days end yesterday (UTC); the statistics end there too.
        LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate first = last.minusDays(Math.max(seeded.days() - 1, 0));

        for (int days : new int[]{30, 92, 366}) {
            String path = "/api/v1/stats/gates/" + gate + "?from=" + last.minusDays(days - 1) + "&to=" + last;
            measure("history_stats_" + days + "d", i -> path, supervisor, days == 366);
        }

        // The big firm's listing by slot day, over days spread across the history; the ids it shows feed the audit reads.
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        long span = last.toEpochDay() - first.toEpochDay() + 1;
        measure("history_list_dated", i -> "/api/v1/declarations?date=" + first.plusDays((i * 37L) % span) + "&limit=" + PAGE,
                firm, false, body -> body.path("items").forEach(item -> ids.add(item.path("id").asText())));

        measure("history_list_first_page", i -> "/api/v1/declarations?limit=" + PAGE, firm, false);
        String cursor = cursorOfPage(20, firm);
        if (cursor != null) {
            measure("history_list_page20", i -> "/api/v1/declarations?limit=" + PAGE + "&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8), firm, false);
        } else {
            figures.put("history_list_page20_p50_ms", null);
        }

        if (ids.isEmpty()) {
            failures.add("the big firm's dated listings showed no declaration to verify (is HISTORY_FIRM the seed's?)");
        } else {
            int[] intact = {0, 0};
            List<String> chosen = spread(ids, samples + unmeasured);
            measure("history_audit_verify", i -> "/api/v1/audit/declarations/" + chosen.get(i % chosen.size()) + "/verify",
                    auditor, false, body -> intact[body.path("intact").asBoolean() ? 0 : 1]++);
            // The seed chains its events as the service does: a broken chain here means the seed drifted from EventChain.
            figures.put("history_audit_intact", intact[1] == 0 ? "true" : "false(" + intact[1] + "_of_" + (intact[0] + intact[1]) + ")");
        }
        sizes();
        if (!failures.isEmpty()) {
            verdict.broken("history: " + String.join("; ", failures));
        }
    }

    /**
     * What the history takes on disk, over every online partition of the three tables (the archive schema's are not
     * counted): tables with their TOAST, and indexes apart, in MB; with the declarations they hold.
     */
    private void sizes() {
        try (BenchStores stores = BenchStores.fromEnvironment()) {
            for (String table : List.of("declarations", "declaration_events", "inspections")) {
                String parts = "FROM pg_partition_tree('" + table + "') WHERE isleaf";
                figures.put("history_" + table + "_table_mb", stores.number(
                        "SELECT (coalesce(sum(pg_table_size(relid)), 0) / 1048576)::bigint " + parts));
                figures.put("history_" + table + "_indexes_mb", stores.number(
                        "SELECT (coalesce(sum(pg_indexes_size(relid)), 0) / 1048576)::bigint " + parts));
            }
            figures.put("history_declarations_online", stores.number("SELECT count(*) FROM declarations"));
        } catch (RuntimeException e) {
            Progress.say("   sizes not read: " + e);
        }
    }

    private void measure(String name, IntFunction<String> path, String token, boolean mayBeUnsupported) {
        measure(name, path, token, mayBeUnsupported, body -> {
        });
    }

    /**
     * {@code unmeasured} then {@code samples} GETs of {@code path(i)}, one at a time; puts {@code name_p50_ms} and
     * {@code name_p99_ms}. A 400 where {@code mayBeUnsupported} puts {@code name_status=400} and stops measuring it.
     */
    private void measure(String name, IntFunction<String> path, String token, boolean mayBeUnsupported,
                         java.util.function.Consumer<JsonNode> read) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < unmeasured + samples; i++) {
            String p = path.apply(i);
            long began = System.nanoTime();
            HttpResponse<String> answer = get(p, token);
            double ms = (System.nanoTime() - began) / 1e6;
            if (answer == null) {
                failures.add(name + ": no answer to GET " + p);
                break;
            }
            logLine(name + " " + answer.statusCode() + " " + Figures.rounded(ms, 1) + " ms GET " + p);
            int status = answer.statusCode();
            if (status == 400 && mayBeUnsupported) {
                Progress.say("   " + name + ": 400, not supported yet by this service: " + abbreviated(answer.body()));
                figures.put(name + "_status", 400);
                return;
            }
            if (status < 200 || status >= 300) {
                failures.add(name + ": GET " + p + " answered " + status + ": " + abbreviated(answer.body()));
                break;
            }
            try {
                read.accept(JSON.readTree(answer.body()));
            } catch (IOException e) {
                failures.add(name + ": GET " + p + " answered a body that is not JSON: " + abbreviated(answer.body()));
                break;
            }
            if (i >= unmeasured) {
                millis.add(ms);
            }
        }
        figures.put(name + "_p50_ms", percentile(millis, 50));
        figures.put(name + "_p99_ms", percentile(millis, 99));
    }

    /** Follows nextCursor from the first page; the cursor that GETs page {@code page}, or null (fewer pages). */
    private String cursorOfPage(int page, String token) {
        String cursor = null;
        for (int n = 1; n < page; n++) {
            String p = "/api/v1/declarations?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> answer = get(p, token);
            if (answer == null || answer.statusCode() != 200) {
                failures.add("history_list_page20: walking the pages, GET " + p + " answered "
                        + (answer == null ? "nothing" : answer.statusCode() + ": " + abbreviated(answer.body())));
                return null;
            }
            try {
                JsonNode next = JSON.readTree(answer.body()).path("nextCursor");
                if (next.isMissingNode() || next.isNull()) {
                    Progress.say("   the big firm has fewer than " + page + " pages of " + PAGE + ": no 20th page measured");
                    return null;
                }
                cursor = next.asText();
            } catch (IOException e) {
                failures.add("history_list_page20: GET " + p + " answered a body that is not JSON");
                return null;
            }
        }
        return cursor;
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.appUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            logLine("GET " + path + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String token(String subject, String role, Map<String, Object> claims) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(service.privateKey()));
            var builder = Jwt.issuer(service.issuer()).audience(service.audience()).subject(subject).groups(Set.of(role));
            claims.forEach(builder::claim);
            return builder.expiresIn(Duration.ofMinutes(60)).sign(key);
        } catch (IOException | GeneralSecurityException e) {
            throw new BenchFailure("cannot read the private key " + service.privateKey() + ": " + e, e);
        }
    }

    /** Nearest-rank percentile in ms with one decimal; null (NA) without samples. */
    static String percentile(List<Double> millis, int p) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Double> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Figures.rounded(sorted.get(Math.max(rank, 1) - 1), 1);
    }

    private static List<String> spread(List<String> ids, int n) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chosen.add(ids.get((int) ((long) i * ids.size() / n)));
        }
        return chosen;
    }

    private void logLine(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String abbreviated(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
