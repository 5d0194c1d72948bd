package vn.bordergate.declaration;

import vn.bordergate.persistence.PartitionDayQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What re-slotting reads: the places held per slot, the bookings a capacity cut or a closure moves (locked
 * until its transaction ends), and the days each truck already holds, so no move gives a truck two
 * bookings on one day. Used by capacity changes and closures, inside their gate-day locks.
 */
@ApplicationScoped
public class ReslottingStatements {

    private static final String SELECT = DeclarationRepository.SELECT;
    private final DeclarationRows rows;
    private final PartitionDayQueries partitions;

    public ReslottingStatements(DeclarationRows rows, PartitionDayQueries partitions) {
        this.rows = rows;
        this.partitions = partitions;
    }

    /** Places held per slot start (in the gate's zone) of one direction over the days {@code first..last}. */
    public Uni<Map<OffsetDateTime, Integer>> placesHeld(SqlConnection conn, Gate gate, Direction direction,
                                                        LocalDate first, LocalDate last) {
        return PartitionDayQueries.holding(conn, first, last).chain(days -> conn.preparedQuery(
                        "SELECT slot_start, count(*)::int AS n FROM declarations WHERE " + PartitionDayQueries.among("partition_day", days) + " "
                        + "AND gate_code = $1 AND direction = $2 AND slot_day BETWEEN $3 AND $4 AND status = ANY($5) GROUP BY 1")
                .execute(Tuple.of(gate.code, direction.name(), first, last,
                        DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE))))
                .map(rows -> {
                    Map<OffsetDateTime, Integer> held = new HashMap<>();
                    rows.forEach(r -> held.put(DeclarationRows.inZone(r.getOffsetDateTime("slot_start"), gate.zone()), r.getInteger("n")));
                    return held;
                });
    }

    /**
     * Locks the {@code count} BOOKED declarations of a slot that a capacity cut moves out first: lowest
     * priority, then latest booked.
     */
    public Uni<List<Declaration>> lockFirstToMove(SqlConnection conn, Gate gate, Direction direction,
                                                  OffsetDateTime slotStart, int count) {
        return partitions.live().chain(liveDays -> conn.preparedQuery(SELECT + "WHERE " + PartitionDayQueries.among("d.partition_day", liveDays) + " "
                        + "AND d.gate_code = $1 AND d.direction = $2 AND d.slot_start = $3 AND d.status = 'BOOKED' "
                        + "ORDER BY d.priority DESC, d.created_at DESC, d.id DESC LIMIT $4 FOR UPDATE OF d")
                .execute(Tuple.of(gate.code, direction.name(), slotStart, count)))
                .map(rows::declarations);
    }

    /**
     * The BOOKED declarations of a gate whose slot starts in [from, to), not locked: what a border rule's
     * preview counts before the rule is set.
     */
    public Uni<List<Declaration>> bookedStartingDuring(SqlConnection conn, Gate gate, OffsetDateTime from, OffsetDateTime to) {
        return partitions.live().chain(liveDays -> conn.preparedQuery(SELECT + "WHERE " + PartitionDayQueries.among("d.partition_day", liveDays) + " "
                        + "AND d.gate_code = $1 AND d.status = 'BOOKED' AND d.slot_start >= $2 AND d.slot_start < $3 "
                        + "ORDER BY d.slot_start, d.created_at, d.id")
                .execute(Tuple.of(gate.code, from, to)))
                .map(rows::declarations);
    }

    /**
     * Locks the BOOKED declarations of a gate whose slot overlaps [from, to): what a closure of the gate
     * must move or cancel. Highest priority first, then slot, then first booked: the first to be placed.
     */
    public Uni<List<Declaration>> lockBookedDuring(SqlConnection conn, Gate gate, OffsetDateTime from, OffsetDateTime to) {
        return partitions.live().chain(liveDays -> conn.preparedQuery(SELECT + "WHERE " + PartitionDayQueries.among("d.partition_day", liveDays) + " "
                        + "AND d.gate_code = $1 AND d.status = 'BOOKED' AND d.slot_start < $3 AND d.slot_end > $2 "
                        + "ORDER BY d.priority, d.slot_start, d.created_at, d.id FOR UPDATE OF d")
                .execute(Tuple.of(gate.code, from, to)))
                .map(rows::declarations);
    }

    /** The days on which each of these trucks (plate keys) holds a booking. */
    public Uni<Map<String, Set<LocalDate>>> bookedDaysOfTrucks(SqlConnection conn, Collection<String> plateKeys) {
        // active_plate_days holds exactly the bookings that hold their truck (V7's trigger keeps it).
        return conn.preparedQuery("SELECT plate_key, slot_day FROM active_plate_days WHERE plate_key = ANY($1)")
                .execute(Tuple.of(plateKeys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Set<LocalDate>> days = new HashMap<>();
                    rows.forEach(r -> days.computeIfAbsent(r.getString("plate_key"), k -> new HashSet<>())
                            .add(r.getLocalDate("slot_day")));
                    return days;
                });
    }
}
