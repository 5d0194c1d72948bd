package vn.bordergate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;

/**
 * The JSON body of a delivery: {@code {eventId, type, declarationId, reference, gateCode, fromStatus,
 * toStatus, reason, occurredAt, data}}, where {@code data} holds the event's details (what was amended,
 * which agency decided, the new slot ...), {@code {}} when it has none.
 */
@ApplicationScoped
class Payload {

    private final ObjectMapper json;

    public Payload(ObjectMapper json) {
        this.json = json;
    }

    public byte[] of(Delivery d) {
        ObjectNode body = json.createObjectNode();
        body.put("eventId", d.eventId());
        body.put("type", d.eventType());
        body.put("declarationId", d.declarationId().toString());
        body.put("reference", d.reference());
        body.put("gateCode", d.gateCode());
        body.put("fromStatus", d.fromStatus());
        body.put("toStatus", d.toStatus());
        body.put("reason", d.reason());
        body.put("occurredAt", d.occurredAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        body.set("data", data(d.details()));
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode data(String details) {
        if (details == null) {
            return json.createObjectNode();
        }
        try {
            JsonNode data = json.readTree(details);
            // Webhooks go to firms: an officer's internal note stays inside the gate's staff.
            if (data instanceof com.fasterxml.jackson.databind.node.ObjectNode fields) {
                fields.remove(vn.bordergate.audit.DeclarationEvent.INTERNAL_DETAILS);
            }
            return data;
        } catch (JsonProcessingException e) {
            // Details are written as JSON by the audit trail; a row edited by hand is passed on as text.
            return json.createObjectNode().put("unreadable", details);
        }
    }
}
