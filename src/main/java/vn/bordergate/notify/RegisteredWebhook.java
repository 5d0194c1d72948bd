package vn.bordergate.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The answer to a registration: the only time the signing secret is ever shown. */
public record RegisteredWebhook(UUID id, String url, List<EventType> eventTypes, OffsetDateTime createdAt,
                                String secret) {

    static RegisteredWebhook of(Webhook w) {
        return new RegisteredWebhook(w.id(), w.url(), w.eventTypes(), w.createdAt(), w.secret());
    }
}
