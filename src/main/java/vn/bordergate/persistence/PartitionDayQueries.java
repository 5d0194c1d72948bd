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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The day partitions a statement on {@code declarations}, {@code declaration_events} or {@code inspections}
 * must read, found before it runs and bound as constants, so that PostgreSQL prunes every other day when it
 * plans: with years online, a statement that does not name its days plans and locks all of them (a second of
 * planning at 745 days, and at ~700 the lock table runs out). Two ways to name them (V10__history_at_scale.sql):
 * <ul>
 *     <li>by slot day: {@code slot_day_partitions} lists the booking days that hold a slot day's declarations
 *     ({@link #holding});</li>
 *     <li>live: a declaration that can still change (BOOKED, CHECKED_IN, CALLED, RELEASED) lives on or after
 *     the oldest booking day not in {@code finished_days} ({@link #liveFrom}).</li>
 * </ul>
 */
@ApplicationScoped
public class PartitionDayQueries {

    /** The schema archived day partitions move to, out of every online query. */
    public static final String ARCHIVE = "archive";

    private static final java.time.format.DateTimeFormatter SUFFIX = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");

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

    /** Statuses in which a declaration may still change, and so write events. */
    public static final String[] LIVE = {"BOOKED", "CHECKED_IN", "CALLED", "RELEASED"};

    // The live floor only moves forward (a finished day never gets a new declaration: they are written into
    // today's partition), so a floor a few seconds old is lower than the true one: it reads a day more, never less.
    private static final Duration FLOOR_KEPT = Duration.ofSeconds(5);

    private static final String DAY_OF_PARTITION = "CASE WHEN c.relname LIKE '%\\_undated' THEN DATE '1970-01-01' "
            + "ELSE to_date(right(c.relname, 8), 'YYYYMMDD') END";

    private record Floor(LocalDate day, Instant readAt) {
    }

    private record Online(List<LocalDate> days, Instant readAt) {
    }

    private final Pool pool;
    private final Clock clock;
    private final AtomicReference<Floor> floor = new AtomicReference<>();
    private final AtomicReference<Online> online = new AtomicReference<>();

    public PartitionDayQueries(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * The booking days that may hold declarations whose slot day is in [first, last], read on {@code client}
     * (a transaction sees its own rows' days); bind as {@code partition_day = ANY($n)}.
     */
    public static Uni<LocalDate[]> holding(SqlClient client, LocalDate first, LocalDate last) {
        return client.preparedQuery("SELECT partition_day FROM slot_day_partitions WHERE slot_day BETWEEN $1 AND $2 "
                        + "GROUP BY 1")
                .execute(Tuple.of(first, last))
                .map(rows -> {
                    List<LocalDate> days = new ArrayList<>();
                    rows.forEach(r -> days.add(r.getLocalDate("partition_day")));
                    return days.toArray(LocalDate[]::new);
                });
    }

    /** {@link #holding} on the pool. */
    public Uni<LocalDate[]> holding(LocalDate first, LocalDate last) {
        return holding(pool, first, last);
    }

    /** The oldest booking day that may hold a live declaration; bind as {@code partition_day >= $n}. */
    public Uni<LocalDate> liveFrom() {
        Floor known = floor.get();
        if (known != null && clock.instant().isBefore(known.readAt().plus(FLOOR_KEPT))) {
            return Uni.createFrom().item(known.day());
        }
        Instant asked = clock.instant();
        return pool.query("SELECT min(" + DAY_OF_PARTITION + ") AS live_from FROM pg_inherits i "
                        + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'declarations'::regclass "
                        + "AND NOT EXISTS (SELECT 1 FROM finished_days f WHERE f.partition_day = " + DAY_OF_PARTITION + ")")
                .execute()
                .map(rows -> {
                    LocalDate day = rows.iterator().next().getLocalDate("live_from");
                    // Every online day finished: only today's partition can get new declarations.
                    LocalDate from = day != null ? day : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
                    floor.set(new Floor(from, asked));
                    return from;
                });
    }

    /**
     * The booking days online (attached), oldest first; the undated partition counts as 1970-01-01. Known for
     * a few seconds: days are created two weeks ahead, and one archived meanwhile only reads as empty.
     */
    public Uni<List<LocalDate>> online() {
        Online known = online.get();
        if (known != null && clock.instant().isBefore(known.readAt().plus(FLOOR_KEPT))) {
            return Uni.createFrom().item(known.days());
        }
        Instant asked = clock.instant();
        return pool.query("SELECT " + DAY_OF_PARTITION + " AS day FROM pg_inherits i "
                        + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'declarations'::regclass ORDER BY 1")
                .execute()
                .map(rows -> {
                    List<LocalDate> days = new ArrayList<>();
                    rows.forEach(r -> days.add(r.getLocalDate("day")));
                    List<LocalDate> read = List.copyOf(days);
                    online.set(new Online(read, asked));
                    return read;
                });
    }

    /** Forgets what it knows of the days: a day partition was just created, maybe older than the live floor (a backfill). */
    public void forgetDays() {
        floor.set(null);
        online.set(null);
    }

    /**
     * The oldest booking day that may hold an event newer than {@code sequence}: the live floor, or an older
     * day that finished after that event (its last events are newer than the reader's).
     */
    public Uni<LocalDate> eventsAfter(long sequence) {
        return liveFrom().chain(live -> pool.preparedQuery("SELECT min(partition_day) AS day FROM finished_days "
                        + "WHERE last_event_id > $1")
                .execute(Tuple.of(sequence))
                .map(rows -> {
                    LocalDate finished = rows.iterator().next().getLocalDate("day");
                    return finished != null && finished.isBefore(live) ? finished : live;
                }));
    }

    /** The newest event id of the finished days (0 for none): what the live days' events are newer than. */
    public Uni<Long> newestFinishedEvent() {
        return pool.query("SELECT coalesce(max(last_event_id), 0) AS newest FROM finished_days").execute()
                .map(rows -> rows.iterator().next().getLong("newest"));
    }
}
