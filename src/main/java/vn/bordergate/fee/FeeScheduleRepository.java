package vn.bordergate.fee;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code fee_schedules} table: every version of every province's fee schedule. */
@ApplicationScoped
public class FeeScheduleRepository {

    /** What setting a version did: added a new one, or replaced one not yet in force. */
    public enum Outcome {
        ADDED, REPLACED
    }

    private final Pool pool;
    private final ObjectMapper json;

    FeeScheduleRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Every version of every province, oldest first per province. */
    Uni<List<FeeSchedule>> all() {
        return pool.query("SELECT province_code, effective_from, schedule FROM fee_schedules "
                        + "ORDER BY province_code, effective_from").execute()
                .map(rows -> {
                    List<FeeSchedule> schedules = new ArrayList<>();
                    for (Row row : rows) {
                        schedules.add(schedule(row));
                    }
                    return schedules;
                });
    }

    /**
     * Stores {@code schedule} as its province's version from its day and logs the change, unless that day
     * has begun in Viet Nam by the database's clock (checked under the row's lock, so a version cannot be
     * replaced in the first moments of its day): then nothing changes and the answer is null.
     */
    Uni<Outcome> set(FeeSchedule schedule, String actor, String actorRole) {
        JsonObject stored = stored(schedule);
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT $2 <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date "
                        + "AS begun, (SELECT schedule FROM fee_schedules WHERE province_code = $1 AND effective_from = $2 "
                        + "FOR UPDATE) AS before")
                .execute(Tuple.of(schedule.province(), schedule.effectiveFrom())).chain(rows -> {
                    Row row = rows.iterator().next();
                    JsonObject before = row.getJsonObject("before");
                    if (row.getBoolean("begun")) {
                        return Uni.createFrom().nullItem();
                    }
                    return upsert(conn, schedule, stored, actor)
                            .chain(() -> logChange(conn, schedule, actor, actorRole, change(schedule, before),
                                    change(schedule, stored)))
                            .replaceWith(before == null ? Outcome.ADDED : Outcome.REPLACED);
                }));
    }

    private static Uni<Void> upsert(SqlConnection conn, FeeSchedule schedule, JsonObject stored, String actor) {
        return conn.preparedQuery("INSERT INTO fee_schedules (province_code, effective_from, schedule, set_by) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (province_code, effective_from) "
                        + "DO UPDATE SET schedule = EXCLUDED.schedule, set_by = EXCLUDED.set_by, set_at = now()")
                .execute(Tuple.of(schedule.province(), schedule.effectiveFrom(), stored, actor)).replaceWithVoid();
    }

    /**
     * A schedule belongs to the province, so its change is logged without a gate: every gate of the province
     * shows it in its change log (GateChangeRepository reads both).
     */
    private static Uni<Void> logChange(SqlConnection conn, FeeSchedule schedule, String actor, String actorRole,
                                       JsonObject before, JsonObject after) {
        return conn.preparedQuery("INSERT INTO gate_changes (province_code, change, actor, actor_role, before, after) "
                        + "VALUES ($1, 'FEE_SCHEDULE_SET', $2, $3, $4, $5)")
                .execute(Tuple.of(schedule.province(), actor, actorRole, before, after)).replaceWithVoid();
    }

    /** The change log's before or after: the version's day with its rates. */
    private static JsonObject change(FeeSchedule schedule, JsonObject rates) {
        return rates == null ? null : new JsonObject().put("effectiveFrom", schedule.effectiveFrom().toString())
                .put("schedule", rates);
    }

    /** The rates as the column holds them: the version's province and day are the row's key, not repeated. */
    @SuppressWarnings("unchecked")
    private JsonObject stored(FeeSchedule schedule) {
        Map<String, Object> map = json.convertValue(schedule, Map.class);
        map.remove("province");
        map.remove("effectiveFrom");
        return new JsonObject(map);
    }

    private FeeSchedule schedule(Row row) {
        FeeSchedule rates = json.convertValue(row.getJsonObject("schedule").getMap(), FeeSchedule.class);
        return rates.as(row.getString("province_code"), row.getLocalDate("effective_from"));
    }
}
