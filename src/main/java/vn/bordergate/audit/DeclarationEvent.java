package vn.bordergate.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One audited change of a declaration: who did what, from which status to which, and why. */
public record DeclarationEvent(
        long sequence,
        UUID declarationId,
        @Schema(enumeration = {"DECLARED", "AMENDED", "CANCELLED", "CHECKED_IN", "CALLED", "CALL_MISSED", "INSPECTED",
                "RELEASED", "REJECTED", "EXITED", "NO_SHOW", "SLOT_MOVED", "ARRIVED", "PAYMENT_RECEIVED", "RECEIPT_ISSUED", "REFUND_PAID"})
        String type,
        // Null on the first event (fromStatus) and on events that change no status: described, not an enum.
        @Schema(description = "A declaration status (BOOKED, CHECKED_IN, CALLED, RELEASED, EXITED, CANCELLED, NO_SHOW, "
                + "REJECTED), or null before the first", maxLength = 16)
        String fromStatus,
        @Schema(description = "The status after this event, or null when it changed none", maxLength = 16)
        String toStatus,
        String actor,
        String actorRole,
        String gateCode,
        String reason,
        Map<String, Object> details,
        OffsetDateTime occurredAt) {

    /** Detail fields kept inside the gate's staff: an officer's own words about a truck. */
    public static final java.util.Set<String> INTERNAL_DETAILS = java.util.Set.of("note", "officer");

    /**
     * The event as a firm or driver sees it: an officer's identity becomes their agency (the role), and
     * internal notes are left out. Their own actions keep their actor.
     */
    public DeclarationEvent asSeenByTradeParty() {
        boolean byTrade = vn.bordergate.security.Roles.TRADE.contains(actorRole);
        Map<String, Object> shared = details;
        if (details != null && details.keySet().stream().anyMatch(INTERNAL_DETAILS::contains)) {
            shared = new java.util.LinkedHashMap<>(details);
            shared.keySet().removeAll(INTERNAL_DETAILS);
        }
        return new DeclarationEvent(sequence, declarationId, type, fromStatus, toStatus, byTrade ? actor : null,
                actorRole, gateCode, reason, shared, occurredAt);
    }

    /** An event about to be written; the database assigns sequence and time. */
    public static DeclarationEvent of(UUID declarationId, String type, String fromStatus, String toStatus,
                                      String actor, String actorRole, String gateCode, String reason,
                                      Map<String, Object> details) {
        return new DeclarationEvent(0, declarationId, type, fromStatus, toStatus, actor, actorRole, gateCode,
                reason, details, null);
    }
}
