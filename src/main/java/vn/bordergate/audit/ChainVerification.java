package vn.bordergate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** The result of recomputing a declaration's event chain; {@code firstBrokenLink} names where it breaks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChainVerification(UUID declarationId, int events, boolean intact, BrokenLink firstBrokenLink) {

    /** The first event whose stored hash or link does not match what its content and predecessor give. */
    public record BrokenLink(long sequence, String type, String problem) {
    }

    static ChainVerification verify(UUID declarationId, java.util.List<AuditTrail.StoredEvent> events,
                                    AuditTrail.ChainHead head) {
        ChainVerification links = verifyLinks(declarationId, events);
        if (!links.intact() || head == null) {
            return links;
        }
        if (events.isEmpty()) {
            return new ChainVerification(declarationId, 0, false, new BrokenLink(0, null,
                    "the declaration has no events at all (its whole trail was removed)"));
        }
        AuditTrail.StoredEvent newest = events.get(events.size() - 1);
        if (!newest.hash().equals(head.lastEventHash())) {
            return broken(declarationId, events.size(), newest.event(), "the declaration names a newer event than the "
                    + "newest one here (events were removed from the end of its trail)");
        }
        String status = null;
        for (AuditTrail.StoredEvent stored : events) {
            if (stored.event().toStatus() != null) {
                status = stored.event().toStatus();
            }
        }
        if (status != null && !status.equals(head.status())) {
            return broken(declarationId, events.size(), newest.event(), "the declaration's status " + head.status()
                    + " is not the one its events lead to (" + status + "): it was changed without an event");
        }
        return links;
    }

    private static ChainVerification verifyLinks(UUID declarationId, java.util.List<AuditTrail.StoredEvent> events) {
        String previous = EventChain.GENESIS;
        for (AuditTrail.StoredEvent stored : events) {
            DeclarationEvent e = stored.event();
            if (!previous.equals(stored.prevHash())) {
                return broken(declarationId, events.size(), e, "its link does not match the event before it "
                        + "(an event was removed or inserted)");
            }
            String expected = stored.expectedHash(previous);
            if (!expected.equals(stored.hash())) {
                return broken(declarationId, events.size(), e, "its content does not match its hash (the row was edited)");
            }
            previous = stored.hash();
        }
        return new ChainVerification(declarationId, events.size(), true, null);
    }

    private static ChainVerification broken(UUID id, int count, DeclarationEvent e, String problem) {
        return new ChainVerification(id, count, false, new BrokenLink(e.sequence(), e.type(), problem));
    }
}
