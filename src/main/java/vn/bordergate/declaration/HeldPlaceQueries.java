package vn.bordergate.declaration;

import vn.bordergate.persistence.PartitionDayQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.gate.Direction;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.HeldPlaces;
import vn.bordergate.slot.LedgerKey;
import vn.bordergate.slot.Slot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The places declarations hold, counted for the slot ledger ({@link HeldPlaces}): a gate-day's counts when
 * its ledger is rebuilt, and every gate-day's per-slot counts when the ledgers are checked.
 */
@ApplicationScoped
public class HeldPlaceQueries implements HeldPlaces {

    private final Pool pool;

    public HeldPlaceQueries(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<GateDay> count(SqlConnection conn, Gate gate, LocalDate day) {
        return PartitionDayQueries.holding(conn, day, day).chain(partitions -> count(conn, gate, day, partitions));
    }

    private static Uni<GateDay> count(SqlConnection conn, Gate gate, LocalDate day, LocalDate[] partitions) {
        ZoneId zone = gate.zone();
        Map<String, Long> perSlot = new HashMap<>();
        Map<String, Long> perFirm = new HashMap<>();
        Map<String, String> bookingOfTruck = new HashMap<>();
        Map<String, Integer> lastQueueNumber = new HashMap<>();
        String ofGateDay = "FROM declarations WHERE " + PartitionDayQueries.among("partition_day", partitions)
                + " AND gate_code = $1 AND slot_day = $2";
        Tuple holdingPlace = Tuple.of(gate.code, day, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE));
        return conn.preparedQuery("SELECT direction, slot_start, count(*) AS n " + ofGateDay + " AND status = ANY($3) GROUP BY 1, 2")
                .execute(holdingPlace)
                .invoke(rows -> rows.forEach(r -> perSlot.put(slotField(r, zone), r.getLong("n"))))
                .chain(() -> conn.preparedQuery("SELECT tax_code, count(*) AS n " + ofGateDay + " AND status = ANY($3) GROUP BY 1")
                        .execute(holdingPlace)
                        .invoke(rows -> rows.forEach(r -> perFirm.put(r.getString("tax_code"), r.getLong("n")))))
                .chain(() -> conn.preparedQuery("SELECT plate_key, id " + ofGateDay + " AND status = ANY($3)")
                        .execute(Tuple.of(gate.code, day, DeclarationStatus.names(DeclarationStatus.HOLDING_TRUCK)))
                        .invoke(rows -> rows.forEach(r -> bookingOfTruck.put(r.getString("plate_key"), r.getUUID("id").toString()))))
                .chain(() -> conn.preparedQuery("SELECT direction, max(queue_number) AS n " + ofGateDay + " GROUP BY 1")
                        .execute(Tuple.of(gate.code, day))
                        .invoke(rows -> rows.forEach(r -> lastQueueNumber.put(r.getString("direction"), r.getInteger("n")))))
                .map(ignored -> new GateDay(perSlot, perFirm, bookingOfTruck, lastQueueNumber));
    }

    @Override
    public Uni<Map<LedgerKey, Map<String, Integer>>> perSlot(LocalDate first, LocalDate last) {
        // The slot field is formed in SQL (gate's local HHMM) so one grouped query covers every gate.
        return PartitionDayQueries.holding(pool, first, last).chain(partitions -> pool.preparedQuery(
                        "SELECT d.gate_code, d.slot_day, d.direction, "
                        + "to_char(d.slot_start AT TIME ZONE g.time_zone, 'HH24MI') AS hhmm, count(*)::int AS n "
                        + "FROM declarations d JOIN gates g ON g.code = d.gate_code WHERE " + PartitionDayQueries.among("d.partition_day", partitions) + " "
                        + "AND d.slot_day BETWEEN $1 AND $2 AND d.status = ANY($3) GROUP BY 1, 2, 3, 4")
                .execute(Tuple.of(first, last, DeclarationStatus.names(DeclarationStatus.HOLDING_PLACE))))
                .map(rows -> {
                    Map<LedgerKey, Map<String, Integer>> places = new HashMap<>();
                    rows.forEach(r -> places.computeIfAbsent(new LedgerKey(r.getString("gate_code"), r.getLocalDate("slot_day")),
                            k -> new HashMap<>()).put(r.getString("direction") + ":" + r.getString("hhmm"), r.getInteger("n")));
                    return places;
                });
    }

    private static String slotField(Row row, ZoneId zone) {
        OffsetDateTime start = row.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime();
        return LedgerKey.slotField(Direction.valueOf(row.getString("direction")), new Slot(start, start));
    }
}
