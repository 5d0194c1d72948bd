package vn.bordergate.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A webhook as its firm sees it later: without the secret. */
public record WebhookView(UUID id, String url, List<EventType> eventTypes, OffsetDateTime createdAt) {

    static WebhookView of(Webhook w) {
        return new WebhookView(w.id(), w.url(), w.eventTypes(), w.createdAt());
    }
}
