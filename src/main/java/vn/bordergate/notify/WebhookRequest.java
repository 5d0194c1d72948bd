package vn.bordergate.notify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A webhook to register: where to send, and which event types (none or empty: all of them). */
public record WebhookRequest(
        @Schema(description = "https URL of the receiver (public address, port 443 unless allowed)", maxLength = 2048,
                examples = "https://erp.example.vn/border-gate/events", required = true)
        String url,
        @Schema(description = "Event types to receive; none or empty: all", maxItems = 32) List<EventType> eventTypes) {
}
