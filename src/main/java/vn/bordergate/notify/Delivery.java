package vn.bordergate.notify;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A claimed delivery with what is needed to send it. {@code attempts} counts this attempt and fences the
 * result: only the holder of the latest claim may record how it went.
 */
record Delivery(long id, int attempts, UUID webhookId, String url, String secret, long eventId,
                       String eventType, UUID declarationId, String reference, String gateCode, String fromStatus,
                       String toStatus, String reason, String details, OffsetDateTime occurredAt) {
}
