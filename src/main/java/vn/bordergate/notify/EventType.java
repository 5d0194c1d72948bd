package vn.bordergate.notify;

/** The audit event types a webhook may subscribe to, as written to the declaration's audit trail. */
public enum EventType {
    DECLARED, AMENDED, CANCELLED, CHECKED_IN, CALLED, CALL_MISSED, INSPECTED, RELEASED, REJECTED, EXITED,
    NO_SHOW, SLOT_MOVED, ARRIVED, PAYMENT_RECEIVED, RECEIPT_ISSUED, REFUND_PAID
}
