package vn.bordergate.notify;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One entry of a webhook's delivery log. {@code nextAttemptAt} is set while PENDING; {@code lastHttpStatus}
 * is the receiver's last answer, {@code lastError} what went wrong when there was no 2xx answer.
 */
public record DeliveryView(long id, long eventId, String eventType, UUID declarationId, String status, int attempts,
                           Integer lastHttpStatus, String lastError, OffsetDateTime nextAttemptAt,
                           OffsetDateTime deliveredAt, OffsetDateTime createdAt) {
}
