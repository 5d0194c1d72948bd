package vn.bordergate.http;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The extension members a problem+json body may carry beyond RFC 9457's own, each with the schema the
 * OpenAPI document publishes for it. A refusal can only add a member named here, so no answer carries a
 * field that firms' generated clients do not know (a client generated from a closed schema drops it, or
 * fails on it).
 */
public enum ProblemMember {

    ERRORS("errors", () -> array("validation: each invalid field", 200,
            OASFactory.createSchema().ref("#/components/schemas/FieldError"))),
    ALTERNATIVES("alternatives", () -> array("slot-full: the next slots with room", 10, object("A slot with room"))),
    CURRENT_STATUS("currentStatus", () -> string("invalid-state: the declaration's status now")),
    CURRENT_VERSION("currentVersion", () -> integer("stale-version: the version now", "int32")),
    WINDOW("window", () -> object("check-in-too-early/late: the check-in window")
            .addProperty("opensAt", dateTime("First moment of check-in"))
            .addProperty("closesAt", dateTime("Last moment of check-in"))),
    OPENS_AT("opensAt", () -> dateTime("booking-not-open: when bookings for that day open")),
    RULE("rule", () -> string("outside-declaration-window, category-stopped: the id of the gate's border rule that "
            + "refused (GET /api/v1/gates/{code}/rules)")),
    LIMIT("limit", () -> integer("webhook-limit: how many webhooks a firm may register", "int32")),
    MAX_BODY_SIZE("maxBodySize", () -> integer("body-too-large: the largest body accepted, in bytes", "int64")),
    SLOTS_WITHOUT_PLACE("slotsWithoutPlace", () -> array(
            "gate-change-strands-bookings: booked slots the change would remove", 10_000,
            string("Direction, slot start and how many are booked"))),
    SLOTS_OVER_CAPACITY("slotsOverCapacity", () -> array(
            "gate-change-strands-bookings: slots that would hold more bookings than places", 10_000,
            string("Direction, slot start, booked and places"))),
    AMOUNT_DUE("amountDueVnd", () -> integer("payment-required: the fee still to pay, in VND", "int64")),
    PAYMENT_REFERENCE("paymentReference", () -> string("payment-required: the reference to pay with")),
    INCIDENT("incident", () -> string("internal-error: quote it when reporting")),
    TRACE_ID("traceId", () -> string("Every problem: the W3C trace id of this request; quote it to the operator, who "
            + "finds the request's trace and log lines by it").pattern("^[0-9a-f]{32}$").maxLength(32));

    private final String json;
    private final Supplier<Schema> schema;

    ProblemMember(String json, Supplier<Schema> schema) {
        this.json = json;
        this.schema = schema;
    }

    /** The member's name in the JSON body. */
    public String json() {
        return json;
    }

    /** The member of that JSON name, if the contract has one. */
    public static Optional<ProblemMember> named(String json) {
        return Arrays.stream(values()).filter(m -> m.json.equals(json)).findFirst();
    }

    /** Its schema in the published document. */
    public Schema schema() {
        return schema.get();
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static Schema dateTime(String description) {
        return string(description).format("date-time");
    }

    private static Schema integer(String description, String format) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format(format).description(description);
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).description(description);
    }

    private static Schema array(String description, int maxItems, Schema items) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).maxItems(maxItems)
                .description(description).items(items);
    }
}
