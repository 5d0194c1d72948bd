package vn.bordergate.board;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.persistence.PartitionDayQueries;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The public board's reads of the declarations table: the trucks being called and the day's counts. */
@ApplicationScoped
class BoardQueries {

    /** A truck called to the gate, with its full plate (the board masks it). */
    record Called(String plate, String priority, OffsetDateTime slotStart, OffsetDateTime deadline) {
    }

    private final Pool pool;
    private final PartitionDayQueries partitions;

    BoardQueries(Pool pool, PartitionDayQueries partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    /** Trucks called to the gate in this direction, in the order they were called; times in the gate's zone. */
    Uni<List<Called>> called(Gate gate, Direction direction) {
        return partitions.live().chain(liveDays -> pool.preparedQuery(
                        "SELECT d.vehicle->>'plate' AS plate, d.priority, d.slot_start, d.call_deadline "
                        + "FROM declarations d WHERE " + PartitionDayQueries.among("d.partition_day", liveDays) + " AND d.gate_code = $1 AND d.direction = $2 "
                        + "AND d.status = 'CALLED' ORDER BY d.called_at, d.id")
                .execute(Tuple.of(gate.code, direction.name())))
                .map(rows -> {
                    List<Called> called = new ArrayList<>();
                    rows.forEach(r -> called.add(new Called(r.getString("plate"), r.getString("priority"),
                            r.getOffsetDateTime("slot_start").atZoneSameInstant(gate.zone()).toOffsetDateTime(),
                            r.getOffsetDateTime("call_deadline") == null ? null
                                    : r.getOffsetDateTime("call_deadline").atZoneSameInstant(gate.zone()).toOffsetDateTime())));
                    return called;
                });
    }

    /** Declarations of the day's slots in this direction, per status (statuses with none are absent). */
    Uni<Map<DeclarationStatus, Integer>> countsOfDay(Gate gate, Direction direction, LocalDate day) {
        return PartitionDayQueries.holding(pool, day, day).chain(days -> pool.preparedQuery(
                        "SELECT status, count(*)::int AS n FROM declarations "
                        + "WHERE " + PartitionDayQueries.among("partition_day", days) + " AND gate_code = $1 AND direction = $2 AND slot_day = $3 GROUP BY 1")
                .execute(Tuple.of(gate.code, direction.name(), day)))
                .map(rows -> {
                    Map<DeclarationStatus, Integer> counts = new EnumMap<>(DeclarationStatus.class);
                    rows.forEach(r -> counts.put(DeclarationStatus.valueOf(r.getString("status")), r.getInteger("n")));
                    return counts;
                });
    }
}
