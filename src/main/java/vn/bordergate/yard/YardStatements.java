package vn.bordergate.yard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.declaration.Priority;
import vn.bordergate.gate.Direction;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The yard's reads of the declarations table: who waits, in which order, who is next to call, and whose
 * call or slot has run out. The row changes themselves go through the declaration lifecycle.
 */
@ApplicationScoped
public class YardStatements {

    /** The one ordering of the yard, used by the listing and by the call-up. */
    private static final String YARD_ORDER = "d.yard_round, d.priority, d.slot_start, d.checked_in_at, d.id";

    /** How many rows one sweep takes; the next sweep takes the rest. */
    static final int SWEEP_BATCH = 200;

    private final Pool pool;
    // Every read here is of live declarations: naming the live days keeps it off the finished history.
    private final PartitionDayQueries partitions;

    YardStatements(Pool pool, PartitionDayQueries partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    /** A truck waiting in the yard, as the call-up sees it. */
    record Waiting(UUID declarationId, OffsetDateTime checkedInAt) {
    }

    /** A called truck whose deadline passed, with how often it had missed a call before. */
    record MissedCall(UUID declarationId, int missedBefore) {
    }

    /** Trucks waiting at a gate's direction, in yard order. */
    Uni<List<YardEntry>> waiting(String gate, Direction direction) {
        return partitions.live().chain(liveDays -> pool.preparedQuery(
                        "SELECT d.id, d.reference, d.vehicle->>'plate' AS plate, d.priority, d.slot_start, "
                        + "coalesce(d.checked_in_at, d.updated_at) AS checked_in_at, d.yard_round, g.time_zone "
                        + "FROM declarations d JOIN gates g ON g.code = d.gate_code WHERE " + PartitionDayQueries.among("d.partition_day", liveDays) + " "
                        + "AND d.gate_code = $1 AND d.direction = $2 AND d.status = 'CHECKED_IN' ORDER BY " + YARD_ORDER)
                .execute(Tuple.of(gate, direction.name())))
                .map(rows -> {
                    List<YardEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(entry(entries.size() + 1, row)));
                    return entries;
                });
    }

    /**
     * Locks the first {@code count} waiting trucks in yard order. SKIP LOCKED: two officers calling at once
     * each get different trucks instead of waiting for each other.
     */
    static Uni<List<Waiting>> lockNextToCall(SqlConnection conn, LocalDate[] liveDays, String gate, Direction direction,
                                             int count) {
        return conn.preparedQuery("SELECT d.id, d.checked_in_at FROM declarations d WHERE " + PartitionDayQueries.among("d.partition_day", liveDays) + " "
                        + "AND d.gate_code = $1 AND d.direction = $2 AND d.status = 'CHECKED_IN' "
                        + "ORDER BY " + YARD_ORDER + " LIMIT $3 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(gate, direction.name(), count))
                .map(each(r -> new Waiting(r.getUUID("id"), r.getOffsetDateTime("checked_in_at"))));
    }

    /** The truck's booking at this gate and direction whose slot is nearest {@code now}, if it may still check in. */
    Uni<UUID> bookingNearest(String gate, Direction direction, String plateKey, OffsetDateTime now) {
        return partitions.live().chain(liveDays -> pool.preparedQuery("SELECT id FROM declarations "
                        + "WHERE " + PartitionDayQueries.among("partition_day", liveDays) + " AND gate_code = $1 AND direction = $2 AND plate_key = $3 "
                        + "AND status IN ('BOOKED', 'CHECKED_IN', 'CALLED') ORDER BY abs(extract(epoch FROM slot_start - $4)) LIMIT 1")
                .execute(Tuple.of(gate, direction.name(), plateKey, now)))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID("id"));
    }

    /** Locks a batch of called trucks whose deadline passed before {@code now} and that never arrived. */
    static Uni<List<MissedCall>> lockMissedCalls(SqlConnection conn, LocalDate[] liveDays, OffsetDateTime now) {
        return conn.preparedQuery("SELECT id, missed_calls FROM declarations WHERE " + PartitionDayQueries.among("partition_day", liveDays) + " AND status = 'CALLED' "
                        + "AND arrived_at IS NULL AND call_deadline < $1 ORDER BY call_deadline LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(now, SWEEP_BATCH))
                .map(each(r -> new MissedCall(r.getUUID("id"), r.getInteger("missed_calls"))));
    }

    /** Locks a batch of bookings whose slot ended before {@code cutoff} without a check-in. */
    static Uni<List<UUID>> lockNotCheckedIn(SqlConnection conn, LocalDate[] liveDays, OffsetDateTime cutoff) {
        return conn.preparedQuery("SELECT id FROM declarations WHERE " + PartitionDayQueries.among("partition_day", liveDays) + " AND status = 'BOOKED' "
                        + "AND slot_end < $1 ORDER BY slot_end LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(cutoff, SWEEP_BATCH))
                .map(each(r -> r.getUUID("id")));
    }

    /** Trucks waiting in every yard, per gate code and direction. */
    public Uni<Map<String, Map<Direction, Integer>>> waitingPerGate() {
        return partitions.live().chain(liveDays -> pool.preparedQuery("SELECT gate_code, direction, count(*)::int AS n "
                        + "FROM declarations WHERE " + PartitionDayQueries.among("partition_day", liveDays) + " AND status = 'CHECKED_IN' GROUP BY 1, 2")
                .execute())
                .map(rows -> {
                    Map<String, Map<Direction, Integer>> waiting = new HashMap<>();
                    rows.forEach(r -> waiting.computeIfAbsent(r.getString("gate_code"), g -> new HashMap<>())
                            .put(Direction.valueOf(r.getString("direction")), r.getInteger("n")));
                    return waiting;
                });
    }

    /** Trucks waiting in one gate's yard, per direction. */
    public Uni<Map<Direction, Integer>> waitingAt(String gate) {
        return partitions.live().chain(liveDays -> pool.preparedQuery("SELECT direction, count(*)::int AS n "
                        + "FROM declarations WHERE " + PartitionDayQueries.among("partition_day", liveDays) + " AND gate_code = $1 AND status = 'CHECKED_IN' GROUP BY 1")
                .execute(Tuple.of(gate)))
                .map(rows -> {
                    Map<Direction, Integer> waiting = new EnumMap<>(Direction.class);
                    rows.forEach(r -> waiting.put(Direction.valueOf(r.getString("direction")), r.getInteger("n")));
                    return waiting;
                });
    }

    private static <T> Function<RowSet<Row>, List<T>> each(Function<Row, T> mapper) {
        return rows -> {
            List<T> list = new ArrayList<>();
            rows.forEach(r -> list.add(mapper.apply(r)));
            return list;
        };
    }

    private static YardEntry entry(int position, Row row) {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        return new YardEntry(position, row.getUUID("id"), row.getString("reference"), row.getString("plate"),
                Priority.valueOf(row.getString("priority")),
                row.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime(),
                row.getOffsetDateTime("checked_in_at").atZoneSameInstant(zone).toOffsetDateTime(),
                row.getInteger("yard_round"));
    }
}
