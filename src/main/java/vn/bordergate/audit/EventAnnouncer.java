package vn.bordergate.audit;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Tells the other instances and the open streams about committed audit events. Implemented by the live
 * event bus, which sits above the audit trail; the trail only knows it is told after each commit.
 */
public interface EventAnnouncer {
    Uni<Void> announce(List<DeclarationEvent> committed);
}
