package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gate_changes} table: each configuration change of a gate (its settings, closures, slot
 * capacities), who made it and what it was before.
 */
@ApplicationScoped
public class GateChangeRepository {

    private final Pool pool;

    GateChangeRepository(Pool pool) {
        this.pool = pool;
    }

    /** One change as auditors read it. */
    record GateChange(long id, String gateCode, String provinceCode, String change, String actor, String actorRole, OffsetDateTime changedAt,
                      Object before, Object after) {
    }

    /** Records a change on {@code client}: the creating or changing transaction's own connection. */
    public static Uni<Void> record(SqlClient client, String gateCode, String change, String actor, String actorRole,
                            JsonObject before, JsonObject after) {
        return client.preparedQuery("INSERT INTO gate_changes (gate_code, change, actor, actor_role, before, after) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(gateCode, change, actor, actorRole, before, after)).replaceWithVoid();
    }

    /** A gate's own changes and its province's, oldest first. */
    Uni<List<GateChange>> of(String gateCode) {
        return pool.preparedQuery("SELECT * FROM gate_changes WHERE gate_code = $1 UNION ALL "
                        + "SELECT c.* FROM gate_changes c JOIN gates g ON g.province_code = c.province_code "
                        + "WHERE g.code = $1 AND c.gate_code IS NULL ORDER BY id").execute(Tuple.of(gateCode))
                .map(rows -> {
                    List<GateChange> changes = new ArrayList<>();
                    for (Row r : rows) {
                        changes.add(new GateChange(r.getLong("id"), r.getString("gate_code"), r.getString("province_code"),
                                r.getString("change"),
                                r.getString("actor"), r.getString("actor_role"), r.getOffsetDateTime("changed_at"),
                                json(r.getJsonObject("before")), json(r.getJsonObject("after"))));
                    }
                    return changes;
                });
    }

    private static Object json(JsonObject value) {
        return value == null ? null : value.getMap();
    }
}
