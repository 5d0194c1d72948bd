package vn.bordergate.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One audited change of a declaration: who did what, from which status to which, and why. */
public record DeclarationEvent(
        long sequence,
        UUID declarationId,
        String type,
        String fromStatus,
        String toStatus,
        String actor,
        String actorRole,
        String gateCode,
        String reason,
        Map<String, Object> details,
        OffsetDateTime occurredAt) {

    /** An event about to be written; the database assigns sequence and time. */
    public static DeclarationEvent of(UUID declarationId, String type, String fromStatus, String toStatus,
                                      String actor, String actorRole, String gateCode, String reason,
                                      Map<String, Object> details) {
        return new DeclarationEvent(0, declarationId, type, fromStatus, toStatus, actor, actorRole, gateCode,
                reason, details, null);
    }
}
