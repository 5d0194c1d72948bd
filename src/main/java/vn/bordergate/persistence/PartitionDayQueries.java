package vn.bordergate.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The day partitions a statement on {@code declarations}, {@code declaration_events} or {@code inspections}
 * must read, found before it runs and bound as constants, so that PostgreSQL prunes every other day when it
 * plans: with years online, a statement that does not name its days plans and locks all of them (a second of
 * planning at 745 days, and at ~700 the lock table runs out). Three ways to name them (V10__history_at_scale.sql):
 * <ul>
 *     <li>one declaration: the day its id carries ({@link #dayOf}, or {@code partition_day_of($1)} in SQL);</li>
 *     <li>by slot day: {@code slot_day_partitions} lists the booking days that hold a slot day's declarations
 *     ({@link #holding});</li>
 *     <li>live: a declaration that can still change (BOOKED, CHECKED_IN, CALLED, RELEASED) is on a booking day
 *     not in {@code finished_days} and not after tomorrow (or the newest day a row was written on)
 *     ({@link #live}): the last few days, plus any older day a truck is stuck on.</li>
 * </ul>
 */
@ApplicationScoped
public class PartitionDayQueries {

    /** The schema archived day partitions move to, out of every online query. */
    public static final String ARCHIVE = "archive";

    /** Statuses in which a declaration may still change, and so write events. */
    public static final String[] LIVE = {"BOOKED", "CHECKED_IN", "CALLED", "RELEASED"};

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    // What is known of the days is kept a few seconds. It is safe to be behind: a day finished meanwhile is read
    // once more (it only gets fewer live rows: new declarations go into today's), a day archived meanwhile reads
    // as empty, and a day created is told (forgetDays).
    private static final Duration KEPT = Duration.ofSeconds(5);

    private static final String DAY_OF_PARTITION = "CASE WHEN c.relname LIKE '%\\_undated' THEN DATE '1970-01-01' "
            + "ELSE to_date(right(c.relname, 8), 'YYYYMMDD') END";

    /** The online booking days, oldest first, and those of them not finished. */
    private record Days(List<LocalDate> online, LocalDate[] live, Instant readAt) {
    }

    private final Pool pool;
    private final Clock clock;
    private final AtomicReference<Days> days = new AtomicReference<>();

    public PartitionDayQueries(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * A day's partition of one partitioned table: {@code declarations_p20261202}; the undated one for
     * {@code null} or 1970-01-01 (ids without a day).
     */
    public static String partition(String table, LocalDate day) {
        return table + "_" + (day == null || day.equals(LocalDate.EPOCH) ? "undated" : "p" + SUFFIX.format(day));
    }

    /**
     * The booking day a declaration id carries, as {@code partition_day_of(id)} reads it: the first 32 bits of a
     * version-8 id count days since 1970-01-01 (the layout {@code DeclarationIds} mints); older ids have none
     * and live in the undated partition (1970-01-01).
     */
    public static LocalDate dayOf(UUID id) {
        return id.version() == 8 ? LocalDate.ofEpochDay(id.getMostSignificantBits() >>> 32) : LocalDate.EPOCH;
    }

    /**
     * The booking days that may hold declarations whose slot day is in [first, last], read on {@code client}
     * (a transaction sees its own rows' days); write with {@link #among}.
     */
    public static Uni<LocalDate[]> holding(SqlClient client, LocalDate first, LocalDate last) {
        return client.preparedQuery("SELECT partition_day FROM slot_day_partitions WHERE slot_day BETWEEN $1 AND $2 "
                        + "GROUP BY 1")
                .execute(Tuple.of(first, last))
                .map(rows -> {
                    List<LocalDate> found = new ArrayList<>();
                    rows.forEach(r -> found.add(r.getLocalDate("partition_day")));
                    return found.toArray(LocalDate[]::new);
                });
    }

    /**
     * {@code column IN (DATE '…', …)}: the days written into the statement, not bound. PostgreSQL prunes on
     * them when it plans, also in a plan it reuses; a reused (generic) plan cannot prune on an array parameter
     * ({@code = ANY($1)}) at all and would read every partition (HistoryPlansTest caught one). A statement's
     * text then changes with its days: each set is prepared once per connection, and sets change daily.
     */
    public static String among(String column, LocalDate[] days) {
        if (days.length == 0) {
            return "false";
        }
        StringBuilder sql = new StringBuilder(column).append(" IN (");
        for (int i = 0; i < days.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("DATE '").append(days[i]).append('\'');
        }
        return sql.append(')').toString();
    }

    /** The booking days that may hold declarations of these slot days; write with {@link #among}. */
    public static Uni<LocalDate[]> holding(SqlClient client, LocalDate[] slotDays) {
        return client.preparedQuery("SELECT partition_day FROM slot_day_partitions WHERE slot_day = ANY($1) GROUP BY 1")
                .execute(Tuple.of((Object) slotDays))
                .map(rows -> {
                    List<LocalDate> found = new ArrayList<>();
                    rows.forEach(r -> found.add(r.getLocalDate("partition_day")));
                    return found.toArray(LocalDate[]::new);
                });
    }

    /** {@link #holding} on the pool. */
    public Uni<LocalDate[]> holding(LocalDate first, LocalDate last) {
        return holding(pool, first, last);
    }

    /** The booking days that may hold a live declaration; write with {@link #among}. */
    public Uni<LocalDate[]> live() {
        return days().map(Days::live);
    }

    /** The booking days online (attached), oldest first; the undated partition counts as 1970-01-01. */
    public Uni<List<LocalDate>> online() {
        return days().map(Days::online);
    }

    /**
     * The booking days that may hold an event newer than {@code sequence}: the live ones, and the finished
     * ones whose last events are newer than the reader's.
     */
    public Uni<LocalDate[]> eventsAfter(long sequence) {
        return live().chain(live -> pool.preparedQuery("SELECT partition_day FROM finished_days WHERE last_event_id > $1")
                .execute(Tuple.of(sequence))
                .map(rows -> {
                    TreeSet<LocalDate> all = new TreeSet<>(List.of(live));
                    rows.forEach(r -> all.add(r.getLocalDate("partition_day")));
                    return all.toArray(LocalDate[]::new);
                }));
    }

    /** The newest event id of the finished days (0 for none): what the live days' events are newer than. */
    public Uni<Long> newestFinishedEvent() {
        return pool.query("SELECT coalesce(max(last_event_id), 0) AS newest FROM finished_days").execute()
                .map(rows -> rows.iterator().next().getLong("newest"));
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Forgets what it knows of the days: a day partition was just created, maybe older than the others (a backfill). */
    public void forgetDays() {
        days.set(null);
    }

    private Uni<Days> days() {
        Days known = days.get();
        Instant now = clock.instant();
        // Kept while the clock is within a few seconds after the reading, on the same UTC day: at midnight the
        // new day's partition starts to fill and must be read at once.
        if (known != null && !now.isBefore(known.readAt()) && now.isBefore(known.readAt().plus(KEPT))
                && utcDay(now).equals(utcDay(known.readAt()))) {
            return Uni.createFrom().item(known);
        }
        // Days after tomorrow are the keeper's partitions made ahead: empty, unless a row was written there
        // (slot_day_partitions has every booking day that got one), so the live statements leave them out.
        LocalDate tomorrow = utcDay(now).plusDays(1);
        return pool.query("SELECT " + DAY_OF_PARTITION + " AS day, EXISTS (SELECT 1 FROM finished_days f "
                        + "WHERE f.partition_day = " + DAY_OF_PARTITION + ") AS finished, "
                        + "(SELECT max(partition_day) FROM slot_day_partitions) AS newest_written FROM pg_inherits i "
                        + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'declarations'::regclass ORDER BY 1")
                .execute()
                .map(rows -> {
                    List<LocalDate> online = new ArrayList<>();
                    List<LocalDate> live = new ArrayList<>();
                    rows.forEach(r -> {
                        LocalDate day = r.getLocalDate("day");
                        LocalDate written = r.getLocalDate("newest_written");
                        LocalDate newest = written != null && written.isAfter(tomorrow) ? written : tomorrow;
                        online.add(day);
                        if (!r.getBoolean("finished") && !day.isAfter(newest)) {
                            live.add(day);
                        }
                    });
                    Days read = new Days(List.copyOf(online), live.toArray(LocalDate[]::new), now);
                    days.set(read);
                    return read;
                });
    }
}
