package vn.bordergate.slot;

/** The answer of the slot ledger to a claim. {@code epoch} is the ledger generation it was decided in. */
public record Claim(Outcome outcome, String epoch, int queueNumber) {

    /** What the ledger decided. */
    public enum Outcome {
        ADMITTED, SLOT_FULL, QUOTA_EXCEEDED, VEHICLE_ALREADY_BOOKED,
        /** The ledger is missing (Redis restarted or was flushed): rebuild it from PostgreSQL and ask again. */
        LEDGER_MISSING
    }

    public boolean admitted() {
        return outcome == Outcome.ADMITTED;
    }
}
