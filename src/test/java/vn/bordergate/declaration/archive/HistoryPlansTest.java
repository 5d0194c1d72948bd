package vn.bordergate.declaration.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.idempotency.DeclarationIds;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With hundreds of booking days online, every statement the service runs on {@code declarations},
 * {@code declaration_events} or {@code inspections} while serving the main flows (and its background jobs)
 * is planned over a few day partitions only: PostgreSQL prunes at plan time, so it neither plans nor locks
 * the others (issue 32, "History at scale").
 *
 * <p>How: the test PostgreSQL loads {@code auto_explain}, silent (EmbeddedInfrastructure with the plan log).
 * The test seeds {@value #HISTORY_DAYS} past days of partitions with a few finished declarations each,
 * switches auto_explain on for every session (ALTER SYSTEM and a reload), runs the flows a firm, a driver
 * and the gate's officers go through, each read {@value #READS} times (so that a prepared statement the plan
 * cache turns generic is caught too), and the background jobs, switches it off, and reads each logged plan:
 * at most {@value #MAX_DAYS} day partitions of a table, and no "Subplans Removed" (run-time pruning of a
 * generic plan, which still plans and locks every partition). The test's own statements run in sessions
 * named {@value #TEST_APPLICATION} with auto_explain off, and are not counted.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class HistoryPlansTest {

    static final int HISTORY_DAYS = 400;
    static final int READS = 8;
    static final int MAX_DAYS = 20;
    /**
     * The bound a plan is held to: {@value #MAX_DAYS}, plus one for each booking day before yesterday that other
     * tests left with a declaration still live (in production, bordergate_partition_days_live_behind alerts on
     * those): the live statements read exactly the unfinished days, and a stuck one is one of them.
     */
    static volatile int allowedDays = MAX_DAYS;
    static final int MIN_PLANS = 100;
    static final String TEST_APPLICATION = "history-plans-test";
    static final String PROBE_APPLICATION = "history-plans-probe";
    static final Duration WAIT = Duration.ofSeconds(120);
    static final Pattern DAY_PARTITION =
            Pattern.compile("^(declarations|declaration_events|inspections)_(p[0-9]{8}|undated)$");

    static final String TAX_CODE = "0100109106-077";
    static final String FIRM = Tokens.enterprise(TAX_CODE);
    static final String PHONE = "0987000077";
    static final String DRIVER = Tokens.driver(PHONE);
    static final String ADMIN = Tokens.role("admin");
    static final String AUDITOR = Tokens.role("auditor");

    @Inject
    PartitionKeeper keeper;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> flowProblems = new ArrayList<>();

    @Test
    void everyStatementOfTheMainFlowsPlansOnlyAFewDayPartitionsOfAYearOfHistory() throws Exception {
        Path log = EmbeddedServices.infrastructure().postgresLog()
                .orElseThrow(() -> new IllegalStateException("the test PostgreSQL was started without its plan log"));
        String gate = Gates.onboard("History plans", 20);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LocalDate> seeded = List.of();
        try (Connection sql = connect()) {
            long started = System.nanoTime();
            seeded = seedHistory(sql, gate, today);
            System.out.printf("HistoryPlansTest: seeded %d days of history in %d ms%n", seeded.size(),
                    (System.nanoTime() - started) / 1_000_000);
            String hook = given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://localhost:9/history-plans-hook"))
                    .when().post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            long from = autoExplainOn(sql, log);
            Throwable failure = null;
            try {
                probe(seeded.get(seeded.size() / 2));
                started = System.nanoTime();
                runTheFlows(gate, today, seeded, hook);
                System.out.printf("HistoryPlansTest: flows ran in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            } catch (Throwable t) {
                failure = t;
                throw t;
            } finally {
                TestClock.reset();
                try {
                    autoExplainOff(sql, log);
                } catch (Exception e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
            System.out.printf("HistoryPlansTest: %d bytes of log to read%n", Files.size(log) - from);
            check(readPlans(log, from));
        } finally {
            try (Connection sql = connect()) {
                sql.createStatement().execute("DELETE FROM webhooks WHERE tax_code = '" + TAX_CODE + "'");
                dropHistory(sql, seeded);
            }
        }
    }

    // ---- the flows ----

    private void runTheFlows(String gate, LocalDate today, List<LocalDate> history, String hook) {
        OffsetDateTime slot = Fixtures.slot(1, 9);
        String day = slot.toLocalDate().toString();
        String oldDay = history.get(history.size() / 2).plusDays(1).toString();
        String supervisor = Tokens.officer("gate-supervisor", gate);
        String yardOfficer = Tokens.officer("yard-officer", gate);
        // As the keeper's hourly run has done: the days other tests left with nothing live are finished.
        keeper.finishDays(today).await().atMost(WAIT);
        long stuck = Database.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'declarations'::regclass AND c.relname ~ '^declarations_p[0-9]{8}$' "
                + "AND to_date(right(c.relname, 8), 'YYYYMMDD') < ? AND NOT EXISTS (SELECT 1 FROM finished_days f "
                + "WHERE f.partition_day = to_date(right(c.relname, 8), 'YYYYMMDD'))", today.minusDays(1));
        allowedDays = MAX_DAYS + (int) stuck;
        System.out.printf("HistoryPlansTest: %d earlier days hold a live declaration; bound %d%n", stuck, allowedDays);

        // A firm books (one by one and in a batch), and reads what it booked.
        String truck = book(gate, slot);
        String missesItsCall = book(gate, slot);
        String neverComes = book(gate, slot);
        String amended = book(gate, Fixtures.slot(1, 10));
        String cancelled = book(gate, Fixtures.slot(1, 11));
        expect(200, given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(body(gate, Fixtures.slot(1, 12)), body(gate, Fixtures.slot(1, 12))))
                .post("/api/v1/declarations/batch"), "a batch of two bookings");
        reads(200, "the firm reads a declaration", () -> as(FIRM).get("/api/v1/declarations/" + truck));
        reads(200, "the driver reads a declaration", () -> as(DRIVER).get("/api/v1/declarations/" + truck));
        reads(200, "an auditor reads an old declaration", () -> as(AUDITOR).get("/api/v1/declarations/"
                + oldDeclaration(history.get(history.size() / 3))));
        reads(200, "the firm's declarations", () -> as(FIRM).get("/api/v1/declarations"));
        reads(200, "the firm's declarations of a slot day", () -> as(FIRM).queryParam("date", day).get("/api/v1/declarations"));
        reads(200, "the firm's declarations of an old slot day", () -> as(FIRM).queryParam("date", oldDay)
                .get("/api/v1/declarations"));
        reads(200, "the firm's exited declarations", () -> as(FIRM).queryParam("status", "EXITED").get("/api/v1/declarations"));
        String cursor = expect(200, as(FIRM).queryParam("limit", 2).get("/api/v1/declarations"), "the firm's first page")
                .path("nextCursor");
        reads(200, "the firm's second page", () -> as(FIRM).queryParam("limit", 2).queryParam("cursor", String.valueOf(cursor))
                .get("/api/v1/declarations"));
        String datedCursor = expect(200, as(FIRM).queryParam("limit", 2).queryParam("date", day).get("/api/v1/declarations"),
                "the firm's first page of a slot day").path("nextCursor");
        reads(200, "the firm's second page of a slot day", () -> as(FIRM).queryParam("limit", 2).queryParam("date", day)
                .queryParam("cursor", String.valueOf(datedCursor)).get("/api/v1/declarations"));
        reads(200, "the driver's declarations", () -> as(DRIVER).get("/api/v1/declarations"));
        reads(200, "the gate's declarations of a day", () -> as(supervisor).queryParam("gate", gate).queryParam("date", day)
                .get("/api/v1/declarations"));
        reads(200, "the gate's declarations of an old day", () -> as(supervisor).queryParam("gate", gate)
                .queryParam("date", oldDay).get("/api/v1/declarations"));
        reads(200, "the gate's declarations", () -> as(supervisor).queryParam("gate", gate).get("/api/v1/declarations"));
        reads(200, "a declaration's events", () -> as(FIRM).get("/api/v1/declarations/" + truck + "/events"));
        reads(200, "the slots of a day", () -> given().queryParam("direction", "EXPORT").queryParam("date", day)
                .get("/api/v1/gates/" + gate + "/slots"));

        // The firm amends one booking (moving it a day) and cancels another.
        int version = Integer.parseInt(expect(200, as(FIRM).get("/api/v1/declarations/" + amended), "read before amending")
                .header("ETag").replace("\"", "").replace("W/", ""));
        expect(200, as(FIRM).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(Map.of("slotStart", Fixtures.iso(Fixtures.slot(2, 11)),
                        "driver", Map.of("fullName", "Trần Văn Bình", "idNumber", "001099054321", "phone", PHONE)))
                .patch("/api/v1/declarations/" + amended), "an amendment");
        expect(200, as(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "xe hỏng"))
                .post("/api/v1/declarations/" + cancelled + "/cancel"), "a cancellation");

        // At the gate: check-in, the yard, the call, the board, inspections, release and exit.
        TestClock.travelTo(slot.plusMinutes(10));
        for (String id : List.of(truck, missesItsCall)) {
            String token = expect(200, as(FIRM).accept(ContentType.JSON).get("/api/v1/declarations/" + id + "/qr"), "a QR token")
                    .path("token");
            expect(201, as(yardOfficer).contentType(ContentType.JSON).body(Map.of("token", String.valueOf(token)))
                    .post("/api/v1/gates/" + gate + "/check-ins"), "a check-in");
        }
        reads(200, "the yard", () -> as(yardOfficer).queryParam("direction", "EXPORT").get("/api/v1/gates/" + gate + "/yard"));
        reads(200, "the public board", () -> given().get("/api/v1/gates/" + gate + "/board"));
        expect(200, as(supervisor).contentType(ContentType.JSON).body(Map.of("direction", "EXPORT", "count", 50))
                .post("/api/v1/gates/" + gate + "/calls"), "a call to the gate");
        expect(200, as(supervisor).post("/api/v1/declarations/" + truck + "/arrival"), "an arrival at the gate");
        for (String agency : List.of("customs", "border-guard", "quarantine")) {
            expect(200, as(Tokens.officer(agency, gate)).contentType(ContentType.JSON)
                    .body(Map.of("decision", "CLEARED", "note", "kiểm tra xong"))
                    .post("/api/v1/declarations/" + truck + "/inspections"), agency + " clears the truck");
        }
        reads(200, "a declaration's inspections", () -> as(Tokens.officer("customs", gate))
                .get("/api/v1/declarations/" + truck + "/inspections"));
        expect(200, as(Tokens.officer("border-guard", gate)).post("/api/v1/declarations/" + truck + "/exit"), "the exit");
        reads(200, "the public board after the exit", () -> given().get("/api/v1/gates/" + gate + "/board"));
        reads(200, "the audit trail", () -> as(AUDITOR).get("/api/v1/audit/declarations/" + truck + "/verify"));

        // The background jobs, as their schedules would run them: the called truck missed its deadline.
        TestClock.travelTo(slot.plusMinutes(40));
        job("vn.bordergate.yard.GateSweeps", "scheduled");
        TestClock.reset();
        job("vn.bordergate.yard.GateSweeps", "scheduled");
        job("vn.bordergate.slot.LedgerKeeper", "everyMinute");
        job("vn.bordergate.metrics.GateGauges", "refresh");
        job("vn.bordergate.notify.WebhookDispatcher", "scheduled");
        job("vn.bordergate.notify.DeliveryRetention", "scheduled");
        job("vn.bordergate.declaration.idempotency.IdempotencyRetention", "scheduled");
        keeper.createAhead(today).await().atMost(WAIT);
        keeper.finishDays(today).await().atMost(WAIT);
        job("vn.bordergate.stats.Rollups", "scheduled");
        reads(200, "the webhook's deliveries", () -> as(FIRM).get("/api/v1/webhooks/" + hook + "/deliveries"));

        // Statistics over a month and over a year (a year is what the roll-ups are for).
        String to = today.toString();
        reads(200, "a gate's statistics of 30 days", () -> as(ADMIN).queryParam("from", today.minusDays(29).toString())
                .queryParam("to", to).get("/api/v1/stats/gates/" + gate));
        reads(200, "a gate's statistics of 366 days", () -> as(ADMIN).queryParam("from", today.minusDays(365).toString())
                .queryParam("to", to).get("/api/v1/stats/gates/" + gate));
        expect(200, as(FIRM).get("/api/v1/declarations/" + neverComes), "the booking never checked in");
    }

    private String book(String gate, OffsetDateTime slot) {
        return expect(201, as(FIRM).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body(gate, slot)).post("/api/v1/declarations"), "a booking").path("id");
    }

    private static Map<String, Object> body(String gate, OffsetDateTime slot) {
        Map<String, Object> body = Fixtures.declaration(gate, "EXPORT", slot);
        @SuppressWarnings("unchecked")
        Map<String, Object> driver = (Map<String, Object>) body.get("driver");
        driver.put("phone", PHONE);
        return body;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private void reads(int status, String what, Supplier<Response> read) {
        for (int i = 0; i < READS; i++) {
            expect(status, read.get(), what);
        }
    }

    /** Notes an unexpected answer (the flows go on: the plans are what this test is about). */
    private Response expect(int status, Response response, String what) {
        if (response.statusCode() != status) {
            String problem = what + ": expected " + status + ", answered " + response.statusCode() + " "
                    + abbreviate(response.asString(), 300);
            if (!flowProblems.contains(problem)) {
                flowProblems.add(problem);
            }
        }
        return response;
    }

    /** Runs a scheduled job's method now, on the bean (most are package-private: reached by reflection). */
    private static void job(String className, String method) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            Object bean = Arc.container().instance(type).get();
            Method run = type.getDeclaredMethod(method);
            run.setAccessible(true);
            ((Uni<?>) run.invoke(bean)).await().atMost(WAIT);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not run " + className + "." + method, e);
        }
    }

    // ---- the history ----

    private static String oldDeclaration(LocalDate day) {
        return DeclarationIds.mint(day, "history-plans-" + day + "-0").toString();
    }

    /**
     * Partitions for {@value #HISTORY_DAYS} days before yesterday (as PartitionStatements.create makes them),
     * each with three finished declarations of this test's firm and gate (exited, cancelled, no-show), their
     * events and the exited one's inspection, and the day marked finished. Answers the days created (a day
     * whose partitions existed already is left alone).
     */
    private static List<LocalDate> seedHistory(Connection sql, String gate, LocalDate today) throws SQLException {
        Set<String> attached = new HashSet<>();
        try (ResultSet rows = sql.createStatement().executeQuery("SELECT c.relname FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'declarations'::regclass")) {
            while (rows.next()) {
                attached.add(rows.getString(1));
            }
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = today.minusDays(HISTORY_DAYS + 1); day.isBefore(today.minusDays(1)); day = day.plusDays(1)) {
            if (!attached.contains(PartitionStatements.partition("declarations", day))) {
                days.add(day);
            }
        }
        long started = System.nanoTime();
        sql.setAutoCommit(false);
        try (Statement ddl = sql.createStatement()) {
            for (int i = 0; i < days.size(); i++) {
                LocalDate day = days.get(i);
                for (String table : PartitionStatements.TABLES) {
                    // As the keeper does: created on its own, then attached, which takes no lock that the
                    // service's writes (its start-up rehearsal books at this moment) would wait for.
                    String partition = PartitionStatements.partition(table, day);
                    ddl.execute("CREATE TABLE " + partition + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                    ddl.execute("ALTER TABLE " + table + " ATTACH PARTITION " + partition
                            + " FOR VALUES FROM ('" + day + "') TO ('" + day.plusDays(1) + "')");
                }
                if (i % 50 == 49) {
                    sql.commit();
                }
            }
            sql.commit();
        }
        System.out.printf("HistoryPlansTest: partitions of %d days created in %d ms%n", days.size(),
                (System.nanoTime() - started) / 1_000_000);
        // The rows are written without the service's triggers (each would update a declaration through a generic
        // plan over every partition, seconds per hundred rows): what they keep is written below by hand.
        sql.createStatement().execute("SET session_replication_role = replica");
        try (PreparedStatement declaration = sql.prepareStatement("INSERT INTO declarations (id, partition_day, reference, "
                + "gate_code, direction, slot_start, slot_end, slot_day, status, priority, queue_number, tax_code, plate_key, "
                + "driver_phone, vehicle, driver, cargo, created_by, created_at, updated_at, checked_in_at, exited_at) "
                + "VALUES (?, ?, ?, ?, 'EXPORT', ?, ?, ?, ?, 'STANDARD', ?, ?, ?, ?, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, "
                + "'history-plans', ?, ?, ?, ?)");
             PreparedStatement event = sql.prepareStatement("INSERT INTO declaration_events (declaration_id, partition_day, "
                     + "type, from_status, to_status, actor, actor_role, gate_code, occurred_at, prev_hash, hash) "
                     + "VALUES (?, ?, ?, ?, ?, 'history-plans', 'enterprise', ?, ?, ?, ?)");
             PreparedStatement inspection = sql.prepareStatement("INSERT INTO inspections (declaration_id, partition_day, "
                     + "agency, decision, officer, decided_at) VALUES (?, ?, 'customs', 'CLEARED', 'officer-1', ?)")) {
            String[] statuses = {"EXITED", "CANCELLED", "NO_SHOW"};
            for (LocalDate day : days) {
                OffsetDateTime booked = day.atTime(2, 0).atOffset(ZoneOffset.UTC);
                OffsetDateTime slot = day.plusDays(1).atTime(9, 0).atOffset(ZoneOffset.ofHours(7));
                for (int n = 0; n < statuses.length; n++) {
                    UUID id = DeclarationIds.mint(day, "history-plans-" + day + "-" + n);
                    boolean exited = statuses[n].equals("EXITED");
                    int i = 0;
                    declaration.setObject(++i, id);
                    declaration.setObject(++i, day);
                    declaration.setString(++i, "HP-" + id.toString().substring(0, 8) + "-" + n);
                    declaration.setString(++i, gate);
                    declaration.setObject(++i, slot);
                    declaration.setObject(++i, slot.plusHours(1));
                    declaration.setObject(++i, slot.toLocalDate());
                    declaration.setString(++i, statuses[n]);
                    declaration.setInt(++i, n + 1);
                    declaration.setString(++i, TAX_CODE);
                    declaration.setString(++i, "HP" + id.toString().substring(0, 8) + n);
                    declaration.setString(++i, PHONE);
                    declaration.setObject(++i, booked.plusMinutes(n));
                    declaration.setObject(++i, booked.plusMinutes(n));
                    declaration.setObject(++i, exited ? slot.plusMinutes(5) : null);
                    declaration.setObject(++i, exited ? slot.plusMinutes(50) : null);
                    declaration.addBatch();
                    eventRow(event, id, day, "DECLARED", null, "BOOKED", gate, booked.plusMinutes(n));
                    eventRow(event, id, day, statuses[n], "BOOKED", statuses[n], gate, slot.plusMinutes(50));
                    if (exited) {
                        inspection.setObject(1, id);
                        inspection.setObject(2, day);
                        inspection.setObject(3, slot.plusMinutes(20));
                        inspection.addBatch();
                    }
                }
            }
            declaration.executeBatch();
            event.executeBatch();
            inspection.executeBatch();
        }
        try (PreparedStatement finished = sql.prepareStatement("INSERT INTO finished_days (partition_day, last_event_id) "
                + "SELECT partition_day, max(id) FROM declaration_events WHERE partition_day = ANY(?) GROUP BY partition_day "
                + "ON CONFLICT DO NOTHING")) {
            finished.setArray(1, sql.createArrayOf("date", days.toArray()));
            finished.execute();
        }
        try (PreparedStatement slotDays = sql.prepareStatement("INSERT INTO slot_day_partitions (slot_day, partition_day) "
                + "SELECT DISTINCT slot_day, partition_day FROM declarations WHERE partition_day = ANY(?) ON CONFLICT DO NOTHING");
             PreparedStatement newest = sql.prepareStatement("UPDATE declarations d SET last_event_hash = 'h' "
                     + "WHERE partition_day = ANY(?)")) {
            slotDays.setArray(1, sql.createArrayOf("date", days.toArray()));
            slotDays.execute();
            newest.setArray(1, sql.createArrayOf("date", days.toArray()));
            newest.execute();
        }
        sql.createStatement().execute("RESET session_replication_role");
        sql.commit();
        sql.setAutoCommit(true);
        System.out.printf("HistoryPlansTest: rows written after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        // As a real history would have: the planner's statistics of each partition.
        sql.createStatement().execute("ANALYZE declarations, declaration_events, inspections");
        System.out.printf("HistoryPlansTest: analyzed after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return days;
    }

    private static void eventRow(PreparedStatement event, UUID id, LocalDate day, String type, String from, String to,
                                 String gate, OffsetDateTime at) throws SQLException {
        event.setObject(1, id);
        event.setObject(2, day);
        event.setString(3, type);
        event.setString(4, from);
        event.setString(5, to);
        event.setString(6, gate);
        event.setObject(7, at);
        event.setString(8, "genesis");
        event.setString(9, "h");
        event.addBatch();
    }

    /** Drops the seeded days' partitions (their rows go with them), so later tests plan over the usual few days. */
    private static void dropHistory(Connection sql, List<LocalDate> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        sql.setAutoCommit(false);
        try (Statement ddl = sql.createStatement()) {
            for (int i = 0; i < days.size(); i++) {
                for (String table : PartitionStatements.TABLES) {
                    ddl.execute("DROP TABLE IF EXISTS " + PartitionStatements.partition(table, days.get(i)));
                }
                if (i % 25 == 24) {
                    sql.commit();
                }
            }
            try (PreparedStatement forget = sql.prepareStatement("DELETE FROM finished_days WHERE partition_day = ANY(?)");
                 PreparedStatement slotDays = sql.prepareStatement(
                         "DELETE FROM slot_day_partitions WHERE partition_day = ANY(?)")) {
                java.sql.Array array = sql.createArrayOf("date", days.toArray());
                forget.setArray(1, array);
                forget.execute();
                slotDays.setArray(1, array);
                slotDays.execute();
            }
            sql.commit();
        } finally {
            sql.setAutoCommit(true);
        }
    }

    // ---- auto_explain on and off ----

    /** The test's own session: auto_explain stays off in it whatever the server's setting. */
    private static Connection connect() throws SQLException {
        Connection connection = connect(TEST_APPLICATION);
        connection.createStatement().execute("SET auto_explain.log_min_duration = -1");
        return connection;
    }

    private static Connection connect(String application) throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        properties.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        properties.setProperty("password", config.getValue("quarkus.datasource.password", String.class));
        properties.setProperty("ApplicationName", application);
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    /**
     * Two plans the check must judge right, logged from a session of their own (not counted with the
     * service's): a generic plan pruned at run time only (an offender, by its Subplans Removed), and a lookup
     * by id pruned at plan time to one partition.
     */
    private static void probe(LocalDate day) throws SQLException {
        String id = oldDeclaration(day);
        try (Connection probe = connect(PROBE_APPLICATION); Statement sql = probe.createStatement()) {
            sql.execute("SET plan_cache_mode = force_generic_plan");
            sql.execute("PREPARE generic_probe(date) AS SELECT count(*) FROM declarations WHERE partition_day = $1");
            sql.execute("EXECUTE generic_probe('" + day + "')");
            sql.execute("SELECT * FROM declarations WHERE id = '" + id + "'::uuid AND partition_day = partition_day_of('"
                    + id + "'::uuid)");
        }
    }

    /** Logs every plan of every session from now on; answers the log's length before the first. */
    private static long autoExplainOn(Connection sql, Path log) throws Exception {
        long from = Files.size(log);
        sql.createStatement().execute("ALTER SYSTEM SET auto_explain.log_min_duration = 0");
        sql.createStatement().execute("SELECT pg_reload_conf()");
        // The postmaster has re-read its settings (and signalled every session) once a new session logs a plan.
        awaitMarker(log, from, "on");
        return from;
    }

    private static void autoExplainOff(Connection sql, Path log) throws Exception {
        long from = Files.size(log);
        try {
            // Everything logged before this marker is in the file once the marker is.
            awaitMarker(log, from, "off");
        } finally {
            sql.createStatement().execute("ALTER SYSTEM RESET auto_explain.log_min_duration");
            sql.createStatement().execute("SELECT pg_reload_conf()");
        }
    }

    private static void awaitMarker(Path log, long from, String what) throws Exception {
        String marker = "history-plans-marker-" + what + "-" + UUID.randomUUID();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection marking = connect(TEST_APPLICATION + "-marker")) {
                marking.createStatement().execute("SELECT '" + marker + "'");
            }
            Thread.sleep(200);
            if (tail(log, from).lines().anyMatch(line -> line.contains("duration: ") && line.contains(marker))) {
                return;
            }
        }
        throw new IllegalStateException("auto_explain did not log the plan of the marker (" + what + ") within 60 s in "
                + log + "; logged since:\n" + abbreviate(tail(log, from), 3000));
    }

    private static String tail(Path log, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            channel.position(from);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- the plans ----

    /** One plan auto_explain logged: who ran it, its query, the day partitions per table, subplans removed. */
    record Plan(String application, String backend, String query, Map<String, Set<String>> partitions, long subplansRemoved) {

        int most() {
            return partitions.values().stream().mapToInt(Set::size).max().orElse(0);
        }

        boolean offends() {
            return most() > allowedDays || subplansRemoved > 0;
        }
    }

    private List<Plan> readPlans(Path log, long from) throws IOException {
        List<Plan> plans = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            channel.position(from);
            InputStream in = Channels.newInputStream(channel);
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = json.readTree(line);
                String message = entry.path("message").asText("");
                int at = message.indexOf("plan:\n");
                String application = entry.path("application_name").asText("");
                if (!message.startsWith("duration: ") || at < 0 || application.startsWith(TEST_APPLICATION)) {
                    continue;
                }
                JsonNode explained = json.readTree(message.substring(at + "plan:\n".length()));
                Map<String, Set<String>> partitions = new TreeMap<>();
                long[] removed = {0};
                walk(explained.path("Plan"), partitions, removed);
                plans.add(new Plan(application, entry.path("backend_type").asText(""),
                        explained.path("Query Text").asText(""), partitions, removed[0]));
            }
        }
        return plans;
    }

    private static void walk(JsonNode node, Map<String, Set<String>> partitions, long[] removed) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().equals("Relation Name")) {
                    Matcher day = DAY_PARTITION.matcher(field.getValue().asText());
                    if (day.matches()) {
                        partitions.computeIfAbsent(day.group(1), t -> new TreeSet<>()).add(day.group(0));
                    }
                } else if (field.getKey().equals("Subplans Removed")) {
                    removed[0] += field.getValue().asLong();
                } else {
                    walk(field.getValue(), partitions, removed);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, partitions, removed));
        }
    }

    /**
     * Fails listing the offending statements, each once with its worst plan, and the flows' unexpected
     * answers; target/history-plans.txt also lists every statement seen, with its day partitions.
     */
    private void check(List<Plan> logged) throws IOException {
        List<Plan> probes = logged.stream().filter(p -> p.application().equals(PROBE_APPLICATION)).toList();
        List<Plan> plans = logged.stream().filter(p -> !p.application().equals(PROBE_APPLICATION)).toList();
        long touching = plans.stream().filter(p -> !p.partitions().isEmpty()).count();
        boolean lookupById = plans.stream().anyMatch(p -> p.partitions().getOrDefault("declarations", Set.of()).size() == 1);
        Map<String, List<Plan>> statements = new TreeMap<>();
        for (Plan plan : plans) {
            String text = plan.query().replaceAll("\\s+", " ").trim();
            // A SQL-standard function body (partition_day_of) has no source text: its nested plans log none.
            statements.computeIfAbsent(text.isEmpty() ? "(no query text: the body of a SQL function)" : text,
                    q -> new ArrayList<>()).add(plan);
        }
        StringBuilder report = new StringBuilder();
        report.append(plans.size()).append(" plans of ").append(statements.size()).append(" statements logged by the service, ")
                .append(touching).append(" plans on day partitions; bound: ").append(allowedDays)
                .append(" day partitions of a table per plan, and no run-time pruning (Subplans Removed)\n");
        Map<String, Integer> applications = new TreeMap<>();
        plans.forEach(p -> applications.merge(p.application() + " (" + p.backend() + ")", 1, Integer::sum));
        report.append("sessions: ").append(applications).append('\n');
        StringBuilder all = new StringBuilder("\nEvery statement seen (worst plan; * = offends):\n");
        StringBuilder offending = new StringBuilder();
        int offenders = 0;
        for (var statement : statements.entrySet()) {
            Plan worst = statement.getValue().stream()
                    .max(java.util.Comparator.comparingInt(Plan::most).thenComparingLong(Plan::subplansRemoved)).orElseThrow();
            Map<String, Integer> counts = new TreeMap<>();
            worst.partitions().forEach((table, names) -> counts.put(table, names.size()));
            String line = String.format("[%s; logged %d times%s] ", counts, statement.getValue().size(),
                    worst.subplansRemoved() > 0 ? "; Subplans Removed: " + worst.subplansRemoved() : "");
            all.append(worst.offends() ? "* " : "  ").append(line).append(statement.getKey()).append('\n');
            if (worst.offends()) {
                offending.append(String.format("%2d. ", ++offenders)).append(line)
                        .append(abbreviate(statement.getKey(), 200)).append('\n');
            }
        }
        if (offenders > 0) {
            report.append(offenders).append(" statements plan too many day partitions:\n").append(offending);
        }
        if (!flowProblems.isEmpty()) {
            report.append(flowProblems.size()).append(" unexpected answers in the flows:\n");
            flowProblems.forEach(p -> report.append(" - ").append(p).append('\n'));
        }
        Path file = Path.of("target", "history-plans.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString() + all);
        System.out.println("HistoryPlansTest:\n" + report + "(every statement seen: " + file.toAbsolutePath() + ")");

        // The check itself: it must see a generic plan pruned at run time, and a lookup by id of one partition.
        assertTrue(probes.stream().anyMatch(p -> p.subplansRemoved() >= HISTORY_DAYS && p.offends()),
                "the probe's generic plan was not seen as run-time pruned: " + probes);
        assertTrue(probes.stream().anyMatch(p -> p.partitions().getOrDefault("declarations", Set.of()).size() == 1
                        && p.subplansRemoved() == 0 && !p.offends()),
                "the probe's lookup by id was not seen reading one partition: " + probes);
        assertTrue(plans.size() >= MIN_PLANS, "too few plans logged (is auto_explain on?)\n" + report);
        assertTrue(lookupById, "no plan of the service read exactly one declarations partition, as a lookup by id does\n"
                + report);
        if (offenders > 0 || !flowProblems.isEmpty()) {
            fail(report.toString());
        }
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
