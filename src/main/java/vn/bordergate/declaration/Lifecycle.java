package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Performs status transitions: checks the lifecycle table, updates the row only if it is still in the
 * status it was read in, and appends the audited event in the same transaction.
 */
@ApplicationScoped
public class Lifecycle {

    private final DeclarationRepository repository;
    private final AuditTrail audit;

    public Lifecycle(DeclarationRepository repository, AuditTrail audit) {
        this.repository = repository;
        this.audit = audit;
    }

    /** A transition with the columns it sets besides status, e.g. {@code checked_in_at = now()}. */
    public record Change(DeclarationStatus to, String eventType, String reason, Map<String, Object> details,
                         String extraSet, List<Object> extraParams, Integer expectedVersion) {

        public static Change to(DeclarationStatus to, String eventType) {
            return new Change(to, eventType, null, null, null, List.of(), null);
        }

        public Change setting(String sql, Object... params) {
            return new Change(to, eventType, reason, details, sql, Arrays.asList(params), expectedVersion);
        }

        public Change because(String why) {
            return new Change(to, eventType, why, details, extraSet, extraParams, expectedVersion);
        }

        public Change with(Map<String, Object> more) {
            return new Change(to, eventType, reason, more, extraSet, extraParams, expectedVersion);
        }

        /** Only if the declaration is still at this version (If-Match); null for any. */
        public Change atVersion(Integer version) {
            return new Change(to, eventType, reason, details, extraSet, extraParams, version);
        }
    }

    /**
     * Records an audited event that does not change the status (an arrival, an inspection on hold),
     * setting {@code extraSet} columns; fails with 409 if the status changed meanwhile.
     */
    public Uni<Declaration> note(SqlConnection conn, Declaration current, String eventType, Actor actor,
                                 Map<String, Object> details, String extraSet, Object... extraParams) {
        Change same = new Change(current.status(), eventType, null, details, extraSet, Arrays.asList(extraParams), null);
        return update(conn, current, same, actor);
    }

    /**
     * Moves {@code current} to {@code change.to()}; fails with 409 (naming the current status) when the
     * lifecycle does not allow it or someone else changed the declaration first.
     */
    public Uni<Declaration> move(SqlConnection conn, Declaration current, Change change, Actor actor) {
        if (!current.status().canBecome(change.to())) {
            return Uni.createFrom().failure(Transitions.notAllowed(current, "moved to " + change.to()));
        }
        return update(conn, current, change, actor);
    }

    private Uni<Declaration> update(SqlConnection conn, Declaration current, Change change, Actor actor) {
        List<Object> params = new ArrayList<>(List.of(current.id(), current.status().name(), change.to().name()));
        String set = "status = $3, version = version + 1, updated_at = now()";
        if (change.extraSet() != null) {
            // Extra columns use placeholders $4, $5, ... in the order of extraParams.
            set += ", " + change.extraSet();
            params.addAll(change.extraParams());
        }
        String where = "id = $1 AND status = $2";
        if (change.expectedVersion() != null) {
            params.add(change.expectedVersion());
            where += " AND version = $" + params.size();
        }
        String sql = "WITH u AS (UPDATE declarations SET " + set + " WHERE " + where + " RETURNING *) "
                + "SELECT u.*, g.time_zone FROM u JOIN gates g ON g.code = u.gate_code";
        return conn.preparedQuery(sql).execute(Tuple.from(params))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return repository.find(conn, current.id()).map(fresh -> {
                            if (fresh != null && fresh.status() == current.status() && change.expectedVersion() != null) {
                                throw Versions.stale(fresh.version());
                            }
                            throw Transitions.notAllowed(fresh == null ? current : fresh, "moved to " + change.to());
                        });
                    }
                    Declaration moved = repository.toDeclaration(rows.iterator().next());
                    return audit.append(conn, DeclarationEvent.of(current.id(), change.eventType(),
                                    current.status().name(), change.to().name(), actor.subject(), actor.role(),
                                    current.gateCode(), change.reason(), change.details()))
                            .replaceWith(moved);
                });
    }
}
