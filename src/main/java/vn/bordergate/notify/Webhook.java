package vn.bordergate.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A firm's registered webhook; {@code eventTypes} is empty when it wants every event. */
record Webhook(UUID id, String taxCode, String url, List<EventType> eventTypes, String secret,
                      OffsetDateTime createdAt) {
}
