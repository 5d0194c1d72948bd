package vn.bordergate.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.common.Problems;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;
import vn.bordergate.slot.SlotSchedule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-gate statistics for supervisors, auditors and the province: counts, no-show rate, waits, yard size. */
@Path("/api/v1/stats/gates/{code}")
@Tag(name = "Statistics")
public class StatisticsResource {

    static final int MAX_DAYS = 92;

    private final Pool pool;
    private final GateCatalog gates;
    private final SlotSchedule schedule;
    private final Caller caller;

    public StatisticsResource(Pool pool, GateCatalog gates, SlotSchedule schedule, Caller caller) {
        this.pool = pool;
        this.gates = gates;
        this.schedule = schedule;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.GATE_SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getGateStatistics", summary = "Per day and direction: counts per status, no-show rate, median and p90 wait from check-in to exit",
            description = "from and to are slot days (YYYY-MM-DD, inclusive; default today); at most 92 days. "
                    + "yardNow is the number of trucks waiting in the yard per direction at this moment.")
    public Uni<GateStatistics> stats(@PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        return gates.require(code).chain(gate -> {
            caller.requireGate(code);
            LocalDate first = from == null ? schedule.today(gate) : date("from", from);
            LocalDate last = to == null ? first : date("to", to);
            if (last.isBefore(first) || first.plusDays(MAX_DAYS).isBefore(last)) {
                throw Problems.invalidField("to", "must be on or after from, at most " + MAX_DAYS + " days later");
            }
            Tuple range = Tuple.of(code, first, last);
            Map<String, Map<String, Integer>> counts = new TreeMap<>();
            Map<String, Row> waits = new LinkedHashMap<>();
            Map<String, Integer> yard = new TreeMap<>();
            return pool.preparedQuery("SELECT slot_day, direction, status, count(*)::int AS n FROM declarations "
                            + "WHERE gate_code = $1 AND slot_day BETWEEN $2 AND $3 GROUP BY 1, 2, 3")
                    .execute(range)
                    .invoke(rows -> rows.forEach(r -> counts.computeIfAbsent(key(r), k -> new TreeMap<>())
                            .put(r.getString("status"), r.getInteger("n"))))
                    .chain(() -> pool.preparedQuery("SELECT slot_day, direction, "
                                    + "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM exited_at - checked_in_at)) / 60 AS median, "
                                    + "percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM exited_at - checked_in_at)) / 60 AS p90 "
                                    + "FROM declarations WHERE gate_code = $1 AND slot_day BETWEEN $2 AND $3 "
                                    + "AND exited_at IS NOT NULL AND checked_in_at IS NOT NULL GROUP BY 1, 2")
                            .execute(range))
                    .invoke(rows -> rows.forEach(r -> waits.put(key(r), r)))
                    .chain(() -> pool.preparedQuery("SELECT direction, count(*)::int AS n FROM declarations "
                            + "WHERE gate_code = $1 AND status = 'CHECKED_IN' GROUP BY 1").execute(Tuple.of(code)))
                    .invoke(rows -> rows.forEach(r -> yard.put(r.getString("direction"), r.getInteger("n"))))
                    .map(ignored -> new GateStatistics(code, first, last, figures(counts, waits), yard));
        });
    }

    private static List<GateStatistics.DayFigures> figures(Map<String, Map<String, Integer>> counts, Map<String, Row> waits) {
        return counts.entrySet().stream().map(e -> {
            String[] dayDirection = e.getKey().split("\\|");
            Map<String, Integer> byStatus = e.getValue();
            int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            int notCancelled = total - byStatus.getOrDefault("CANCELLED", 0);
            Double noShowRate = notCancelled == 0 ? null : byStatus.getOrDefault("NO_SHOW", 0) / (double) notCancelled;
            Row wait = waits.get(e.getKey());
            return new GateStatistics.DayFigures(LocalDate.parse(dayDirection[0]), dayDirection[1], byStatus, noShowRate,
                    wait == null ? null : wait.getDouble("median"), wait == null ? null : wait.getDouble("p90"));
        }).toList();
    }

    private static String key(Row r) {
        return r.getLocalDate("slot_day") + "|" + r.getString("direction");
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField(field, "must be a date like 2026-11-29");
        }
    }
}
