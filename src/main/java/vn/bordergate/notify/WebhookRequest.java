package vn.bordergate.notify;

import java.util.List;

/** A webhook to register: where to send, and which event types (none or empty: all of them). */
public record WebhookRequest(String url, List<EventType> eventTypes) {
}
