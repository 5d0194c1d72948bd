package vn.bordergate.declaration.archive;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The day partitions of {@code declarations}, {@code declaration_events} and {@code inspections}
 * (V7__partitioned_by_day.sql): a day's three partitions are created, archived and dropped together.
 * Names follow one rule: {@code <table>_p<yyyyMMdd>}, and {@code <table>_undated} for ids without a day.
 */
@ApplicationScoped
public class PartitionStatements {

    /** The partitioned tables, in the order a day is detached (the declarations last). */
    static final List<String> TABLES = List.of("inspections", "declaration_events", "declarations");

    static final String ARCHIVE = PartitionDayQueries.ARCHIVE;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String UNDATED = "undated";
    // A DDL statement waiting for a lock makes every query behind it wait too: give up quickly, try next run.
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'";

    private final Pool pool;
    private final PartitionDayQueries dayPartitions;

    public PartitionStatements(Pool pool, PartitionDayQueries dayPartitions) {
        this.pool = pool;
        this.dayPartitions = dayPartitions;
    }

    /** A day's partition of one table: {@code declarations_p20261202}; the undated one for {@code null}. */
    static String partition(String table, LocalDate day) {
        return PartitionDayQueries.partition(table, day);
    }

    /** The days that have a declarations partition in {@code schema} (public: online), the undated one as null. */
    Uni<TreeSet<Optional<LocalDate>>> days(String schema) {
        return pool.preparedQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname ~ '^declarations_(p[0-9]{8}|undated)$'")
                .execute(Tuple.of(schema))
                .map(rows -> {
                    TreeSet<Optional<LocalDate>> days = new TreeSet<>(
                            (a, b) -> a.isEmpty() ? (b.isEmpty() ? 0 : -1) : b.isEmpty() ? 1 : a.get().compareTo(b.get()));
                    for (Row row : rows) {
                        String suffix = row.getString("relname").substring("declarations_".length());
                        days.add(suffix.equals(UNDATED) ? Optional.empty()
                                : Optional.of(LocalDate.parse(suffix.substring(1), SUFFIX)));
                    }
                    return days;
                });
    }

    /**
     * Creates a day's partitions of the three tables, unless another instance holds the maintenance lock
     * (then it is doing this). Each is created on its own and then attached: attaching locks the parent only
     * against other DDL, where CREATE TABLE ... PARTITION OF would block every booking while it waits.
     */
    Uni<Boolean> create(LocalDate day) {
        String from = day.toString();
        String to = day.plusDays(1).toString();
        return pool.withTransaction(conn -> tryMaintenanceLock(conn).chain(mine -> {
            if (!mine) {
                return Uni.createFrom().item(false);
            }
            Uni<Void> steps = conn.query(LOCK_TIMEOUT).execute().replaceWithVoid();
            for (String table : TABLES) {
                String partition = partition(table, day);
                steps = steps
                        .chain(() -> conn.query("CREATE TABLE IF NOT EXISTS " + partition + " (LIKE " + table
                                + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)").execute())
                        .chain(() -> attached(conn, partition)).chain(already -> already ? Uni.createFrom().voidItem()
                                : conn.query("ALTER TABLE " + table + " ATTACH PARTITION " + partition
                                + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')").execute().replaceWithVoid());
            }
            return steps.replaceWith(true);
        })).invoke(dayPartitions::forgetDays);
    }

    /**
     * Marks a day finished (V10's {@code finished_days}) if none of its declarations is live, with the newest
     * of its events, and drops the slot days it was expected to hold but holds none of; answers whether the day
     * is finished now. The live statements start after the finished days (PartitionDayQueries.liveFrom).
     */
    Uni<Boolean> finish(LocalDate day) {
        LocalDate key = day == null ? LocalDate.EPOCH : day;
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO finished_days (partition_day, last_event_id) "
                        + "SELECT $1, (SELECT coalesce(max(id), 0) FROM " + partition("declaration_events", day) + ") "
                        + "WHERE NOT EXISTS (SELECT 1 FROM " + partition("declarations", day) + " WHERE status = ANY($2)) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(key, PartitionDayQueries.LIVE))
                .chain(() -> conn.preparedQuery("DELETE FROM slot_day_partitions m WHERE m.partition_day = $1 "
                                + "AND EXISTS (SELECT 1 FROM finished_days f WHERE f.partition_day = $1) "
                                + "AND NOT EXISTS (SELECT 1 FROM " + partition("declarations", day) + " d WHERE d.slot_day = m.slot_day)")
                        .execute(Tuple.of(key)))
                .chain(() -> conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM finished_days WHERE partition_day = $1) AS done")
                        .execute(Tuple.of(key)))
                .map(rows -> rows.iterator().next().getBoolean("done")));
    }

    /** The online days not marked finished yet, the undated one as null. */
    Uni<List<Optional<LocalDate>>> unfinished() {
        return days("public").chain(online -> pool.query("SELECT partition_day FROM finished_days").execute()
                .map(rows -> {
                    Set<LocalDate> finished = new HashSet<>();
                    rows.forEach(r -> finished.add(r.getLocalDate("partition_day")));
                    return online.stream().filter(day -> !finished.contains(day.orElse(LocalDate.EPOCH))).toList();
                }));
    }

    /**
     * Lists the slot days a booking day's declarations may have (from the day before to the longest booking
     * horizon after) in {@code slot_day_partitions} before any is booked. Its trigger then finds every pair
     * there: a burst of first bookings never waits on another transaction's new pair (nor deadlocks on two).
     */
    Uni<Void> expectSlotDays(LocalDate day) {
        return pool.preparedQuery("INSERT INTO slot_day_partitions (slot_day, partition_day) "
                        + "SELECT s::date, $1 FROM generate_series($1::date - 1, $1::date + 1 "
                        + "+ (SELECT coalesce(max(booking_horizon_days), 0) FROM gates), interval '1 day') s "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(day)).replaceWithVoid();
    }

    /**
     * Whether a day's partitions may leave the online tables: it is finished, none of its declarations has its
     * slot on or after {@code onlineFrom} (an amendment may have moved it later than its booking day), and
     * no webhook delivery of its events is still pending.
     */
    Uni<Boolean> archivable(LocalDate day, LocalDate onlineFrom) {
        return pool.preparedQuery("SELECT NOT EXISTS (SELECT 1 FROM " + partition("declarations", day)
                        + " WHERE status = ANY($1) OR slot_day >= $2) AND NOT EXISTS (SELECT 1 FROM webhook_deliveries "
                        + "WHERE status = 'PENDING' AND partition_day_of(declaration_id) = $3) "
                        + "AND EXISTS (SELECT 1 FROM finished_days WHERE partition_day = $3) AS ok")
                .execute(Tuple.of(PartitionDayQueries.LIVE, onlineFrom, day == null ? LocalDate.EPOCH : day))
                .map(rows -> rows.iterator().next().getBoolean("ok"));
    }

    /**
     * Detaches a day's partitions and moves them to the archive schema. DETACH ... CONCURRENTLY waits for
     * the queries already running instead of locking them out, so it cannot run in a transaction; a detach
     * cut short (the service stopped) is finished here next time. Answers false when another instance holds
     * the maintenance lock.
     */
    Uni<Boolean> archive(LocalDate day) {
        return withMaintenanceLock(conn -> {
            Uni<Void> steps = Uni.createFrom().voidItem();
            for (String table : TABLES) {
                String partition = partition(table, day);
                steps = steps.chain(() -> detachState(conn, partition)).chain(state -> switch (state) {
                    case "attached" -> conn.query("ALTER TABLE " + table + " DETACH PARTITION " + partition
                            + " CONCURRENTLY").execute().replaceWithVoid();
                    case "pending" -> conn.query("ALTER TABLE " + table + " DETACH PARTITION " + partition
                            + " FINALIZE").execute().replaceWithVoid();
                    default -> Uni.createFrom().voidItem();
                }).chain(() -> conn.query("ALTER TABLE IF EXISTS public." + partition + " SET SCHEMA " + ARCHIVE)
                        .execute().replaceWithVoid());
            }
            return steps.chain(() -> conn.query(slotDayIndexes(day)).execute().replaceWithVoid());
        }).invoke(dayPartitions::forgetDays);
    }

    /**
     * Indexes an archived day's declarations by slot day: a listing of a slot day reads every booking day that
     * holds it, and the online indexes lead with the booking day. Online, one more index would cost every
     * booking; an archived day takes no more bookings, so it costs only this once.
     */
    static String slotDayIndexes(LocalDate day) {
        String table = ARCHIVE + "." + partition("declarations", day);
        String name = partition("declarations", day);
        return "DO $$ BEGIN IF to_regclass('" + table + "') IS NOT NULL THEN "
                + "CREATE INDEX IF NOT EXISTS " + name + "_firm_slot_day ON " + table
                + " (tax_code, slot_day, partition_day, created_at, id); "
                + "CREATE INDEX IF NOT EXISTS " + name + "_slot_day ON " + table + " (slot_day, partition_day, created_at, id); "
                + "END IF; END $$";
    }

    /** The newest slot day an archived day's declarations have (null when it holds none). */
    Uni<LocalDate> newestSlotDayArchived(LocalDate day) {
        return pool.query("SELECT max(slot_day) AS newest FROM " + ARCHIVE + "." + partition("declarations", day))
                .execute().map(rows -> rows.iterator().next().getLocalDate("newest"));
    }

    /** Drops an archived day's partitions: the end of its legal retention. */
    Uni<Boolean> drop(LocalDate day) {
        return withMaintenanceLock(conn -> {
            Uni<Void> steps = Uni.createFrom().voidItem();
            for (String table : TABLES) {
                steps = steps.chain(() -> conn.query("DROP TABLE IF EXISTS " + ARCHIVE + "." + partition(table, day))
                        .execute().replaceWithVoid());
            }
            return steps.chain(() -> conn.preparedQuery("INSERT INTO dropped_days (partition_day) VALUES ($1) "
                    + "ON CONFLICT DO NOTHING").execute(Tuple.of(day == null ? LocalDate.EPOCH : day))).replaceWithVoid();
        });
    }

    private Uni<Boolean> withMaintenanceLock(Function<SqlConnection, Uni<Void>> work) {
        return pool.withConnection(conn -> conn.query("SELECT pg_try_advisory_lock(hashtext('partitions')) AS mine")
                .execute().map(rows -> rows.iterator().next().getBoolean("mine"))
                .chain(mine -> !mine ? Uni.createFrom().item(false)
                        : work.apply(conn).replaceWith(true)
                        .eventually(() -> conn.query("SELECT pg_advisory_unlock(hashtext('partitions'))").execute())));
    }

    private static Uni<Boolean> tryMaintenanceLock(SqlConnection conn) {
        return conn.query("SELECT pg_try_advisory_xact_lock(hashtext('partitions')) AS mine").execute()
                .map(rows -> rows.iterator().next().getBoolean("mine"));
    }

    private static Uni<Boolean> attached(SqlConnection conn, String partition) {
        return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1)) AS yes")
                .execute(Tuple.of("public." + partition)).map(rows -> rows.iterator().next().getBoolean("yes"));
    }

    /** "attached", "pending" (a concurrent detach was cut short) or "detached" (or archived already). */
    private static Uni<String> detachState(SqlConnection conn, String partition) {
        return conn.preparedQuery("SELECT CASE WHEN i.inhdetachpending THEN 'pending' ELSE 'attached' END AS state "
                        + "FROM pg_inherits i WHERE i.inhrelid = to_regclass($1)")
                .execute(Tuple.of("public." + partition))
                .map(rows -> rows.rowCount() == 0 ? "detached" : rows.iterator().next().getString("state"));
    }
}
