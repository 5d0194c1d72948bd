package vn.bordergate.declaration.lifecycle;

import vn.bordergate.declaration.Actor;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.declaration.DeclarationStatus;
import vn.bordergate.declaration.Stamp;
import vn.bordergate.declaration.Transitions;
import vn.bordergate.declaration.Versions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.audit.AuditTrail;
import vn.bordergate.audit.DeclarationEvent;

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

    /** A transition, with what it records on the row besides the status. */
    public record Change(DeclarationStatus to, String eventType, String reason, Map<String, Object> details,
                         Stamp stamp, Integer expectedVersion) {

        public static Change to(DeclarationStatus to, String eventType) {
            return new Change(to, eventType, null, null, Stamp.NOTHING, null);
        }

        public Change stamping(Stamp what) {
            return new Change(to, eventType, reason, details, what, expectedVersion);
        }

        public Change because(String why) {
            return new Change(to, eventType, why, details, stamp, expectedVersion);
        }

        public Change with(Map<String, Object> more) {
            return new Change(to, eventType, reason, more, stamp, expectedVersion);
        }

        /** Only if the declaration is still at this version (If-Match); null for any. */
        public Change atVersion(Integer version) {
            return new Change(to, eventType, reason, details, stamp, version);
        }
    }

    /**
     * Records an audited event that does not change the status (an arrival, an inspection on hold, a
     * slot move) with what it stamps on the row; fails with 409 if the status changed meanwhile.
     */
    public Uni<Declaration> note(SqlConnection conn, Declaration current, String eventType, Actor actor,
                                 Map<String, Object> details, Stamp stamp) {
        return update(conn, current, new Change(current.status(), eventType, null, details, stamp, null), actor);
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
        return repository.transition(conn, current, change.to(), change.stamp(), change.expectedVersion())
                .chain(moved -> {
                    if (moved == null) {
                        return repository.find(conn, current.id()).map(fresh -> {
                            if (fresh != null && fresh.status() == current.status() && change.expectedVersion() != null) {
                                throw Versions.stale(fresh.version());
                            }
                            throw Transitions.notAllowed(fresh == null ? current : fresh, "moved to " + change.to());
                        });
                    }
                    return audit.append(conn, DeclarationEvent.of(current.id(), change.eventType(),
                                    current.status().name(), change.to().name(), actor.subject(), actor.role(),
                                    current.gateCode(), change.reason(), change.details()))
                            .replaceWith(moved);
                });
    }
}
