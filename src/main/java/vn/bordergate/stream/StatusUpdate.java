package vn.bordergate.stream;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of one status event on a declaration stream, with the status in the reader's language. */
public record StatusUpdate(long sequence, UUID declarationId, String type, String fromStatus, String status,
                           String statusText, String reason, OffsetDateTime occurredAt) {
}
