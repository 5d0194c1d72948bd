package vn.bordergate.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The append-only audit trail. Events are written on the connection of the change they describe, so a
 * transition and its event commit together or not at all.
 */
@ApplicationScoped
public class AuditTrail {

    private static final String INSERT = "INSERT INTO declaration_events "
            + "(declaration_id, type, from_status, to_status, actor, actor_role, gate_code, reason, details) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private final Pool pool;

    public AuditTrail(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> append(SqlConnection conn, DeclarationEvent event) {
        return conn.preparedQuery(INSERT).execute(tuple(event)).replaceWithVoid();
    }

    /** Appends several events in one round trip. */
    public Uni<Void> appendAll(SqlConnection conn, List<DeclarationEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(INSERT).executeBatch(events.stream().map(AuditTrail::tuple).toList()).replaceWithVoid();
    }

    public Uni<List<DeclarationEvent>> of(UUID declarationId) {
        return pool.preparedQuery("SELECT * FROM declaration_events WHERE declaration_id = $1 ORDER BY id")
                .execute(Tuple.of(declarationId))
                .map(rows -> {
                    List<DeclarationEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(toEvent(row)));
                    return events;
                });
    }

    private static Tuple tuple(DeclarationEvent e) {
        return Tuple.from(Arrays.asList(e.declarationId(), e.type(), e.fromStatus(), e.toStatus(),
                e.actor(), e.actorRole(), e.gateCode(), e.reason(),
                e.details() == null ? null : new JsonObject(e.details())));
    }

    private static DeclarationEvent toEvent(Row row) {
        JsonObject details = row.getJsonObject("details");
        return new DeclarationEvent(row.getLong("id"), row.getUUID("declaration_id"), row.getString("type"),
                row.getString("from_status"), row.getString("to_status"), row.getString("actor"),
                row.getString("actor_role"), row.getString("gate_code"), row.getString("reason"),
                details == null ? null : details.getMap(), row.getOffsetDateTime("occurred_at"));
    }
}
