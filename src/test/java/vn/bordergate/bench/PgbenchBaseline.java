package vn.bordergate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own ceiling for what a booking writes: pgbench, {@code CLIENTS} clients, one declaration-shaped
 * INSERT per transaction. It names the columns of {@code declarations} to stay the same statement run after
 * run, into a scratch copy made with {@code LIKE declarations}: a schema it no longer fits stops the run instead of
 * measuring something else.
 */
final class PgbenchBaseline {

    private static final String INSERT = """
            \\set n random(1, 1000000)
            INSERT INTO bench_declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, slot_day,
                status, priority, queue_number, version, tax_code, plate_key, driver_phone, vehicle, driver, cargo, created_by)
            VALUES (gen_random_uuid(), DATE '1970-01-01', 'HN-20300101-' || nextval('bench_declarations_seq'), 'HUU_NGHI', 'EXPORT',
                '2030-01-01 08:00+07', '2030-01-01 09:00+07', '2030-01-01', 'BOOKED', 'PERISHABLE', :n, 1, '0100109106-001',
                '29C' || currval('bench_declarations_seq'), '+84912345678',
                '{"plate": "29C-123.45", "trailerPlate": "12R-012.34", "country": "VN"}',
                '{"fullName": "Nguyễn Văn Ánh", "idNumber": "001099012345", "phone": "+84912345678"}',
                '{"category": "FRESH_FRUIT", "description": "Thanh long ruột đỏ", "hsCode": "081090", "grossWeightKg": 18500, "containerNumbers": ["MSKU9070323"], "customsDeclarationNumbers": ["305123456789"]}',
                'load-firm-0100109106-001');
            """;
    private static final Pattern TPS_WITHOUT_CONNECTING = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+)");

    /** Transactions per second, and the average latency in ms (either null when pgbench did not print it). */
    record Result(String tps, String latencyAvgMs) {
    }

    static Result run(BenchStores stores, String pgUrl, int clients, int seconds, Path benchDir, Path logs) {
        stores.sql("DROP TABLE IF EXISTS bench_declarations", "DROP SEQUENCE IF EXISTS bench_declarations_seq",
                "CREATE TABLE bench_declarations (LIKE declarations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)",
                "CREATE SEQUENCE bench_declarations_seq");
        Path script = benchDir.resolve("pgbench-insert.sql");
        try {
            Files.writeString(script, INSERT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String out = Command.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", "2",
                "-T", Integer.toString(seconds), "-f", script.toString(), pgUrl).runOrFail(logs.resolve("pgbench.log"), "pgbench");
        stores.sql("DROP TABLE bench_declarations", "DROP SEQUENCE bench_declarations_seq");
        return parse(out);
    }

    /** pgbench's tps without its connection time (older versions print only the last "tps = "), and its latency. */
    static Result parse(String out) {
        String tps = capture(TPS_WITHOUT_CONNECTING, out, false);
        return new Result(tps != null ? tps : capture(TPS, out, true), capture(LATENCY, out, false));
    }

    /** The first (or last) capture of {@code pattern} in {@code text}, or null. */
    private static String capture(Pattern pattern, String text, boolean last) {
        Matcher m = pattern.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
            if (!last) {
                break;
            }
        }
        return found;
    }
}
