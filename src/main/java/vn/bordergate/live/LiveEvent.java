package vn.bordergate.live;

import vn.bordergate.audit.DeclarationEvent;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A committed declaration event as it travels between instances (Redis pub/sub) to live subscribers. */
public record LiveEvent(long sequence, UUID declarationId, String gateCode, String type, String fromStatus,
                        String toStatus, String reason, OffsetDateTime occurredAt) {

    public static LiveEvent of(DeclarationEvent e) {
        return new LiveEvent(e.sequence(), e.declarationId(), e.gateCode(), e.type(), e.fromStatus(), e.toStatus(),
                e.reason(), e.occurredAt());
    }

    public boolean changesStatus() {
        return toStatus != null && !toStatus.equals(fromStatus);
    }
}
