package vn.bordergate.payment;

/** Where a trip's fee stands. */
public enum PaymentStatus {
    /** Less than the fee has been paid (or the fee has no amount yet). */
    UNPAID,
    PAID,
    /** More was paid than is owed: the trip was cancelled, an amendment lowered the fee, or a credit was too large. */
    REFUND_DUE,
    /** What was paid beyond the fee has been paid back. */
    REFUNDED,
    /** Nothing is owed and nothing was paid: the trip did not cross (cancelled, rejected, no-show) or costs nothing. */
    WAIVED
}
