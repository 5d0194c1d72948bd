package vn.bordergate.payment;

/**
 * One trip's fee account: what it owes (null while its fee has no amount), what was paid in and what was
 * paid back. The status follows from the three; nothing else is stored.
 */
record TripAccount(Long dueVnd, long paidVnd, long refundedVnd) {

    long netPaidVnd() {
        return paidVnd - refundedVnd;
    }

    /** What is still to pay; 0 when the fee is covered, null while it has no amount. */
    Long outstandingVnd() {
        return dueVnd == null ? null : Math.max(0, dueVnd - netPaidVnd());
    }

    /** What is to be paid back. */
    long refundDueVnd() {
        return dueVnd == null ? 0 : Math.max(0, netPaidVnd() - dueVnd);
    }

    PaymentStatus status() {
        if (dueVnd == null) {
            return PaymentStatus.UNPAID;
        }
        if (netPaidVnd() > dueVnd) {
            return PaymentStatus.REFUND_DUE;
        }
        if (netPaidVnd() < dueVnd) {
            return PaymentStatus.UNPAID;
        }
        if (dueVnd > 0) {
            return PaymentStatus.PAID;
        }
        return refundedVnd > 0 ? PaymentStatus.REFUNDED : PaymentStatus.WAIVED;
    }
}
