package vn.bordergate.slot;

/** The answer of the slot ledger to a claim. {@code epoch} is the ledger generation it was decided in. */
public record Claim(Outcome outcome, String epoch, int queueNumber, long sentAt) {

    public Claim(Outcome outcome, String epoch, int queueNumber) {
        this(outcome, epoch, queueNumber, 0);
    }

    /** The same answer, for a claim sent at {@code nanoTime} ({@link System#nanoTime}). */
    public Claim sentAt(long nanoTime) {
        return new Claim(outcome, epoch, queueNumber, nanoTime);
    }

    /** What the ledger decided. */
    public enum Outcome {
        ADMITTED, SLOT_FULL, QUOTA_EXCEEDED, VEHICLE_ALREADY_BOOKED,
        /**
         * This very booking (same firm, Idempotency-Key and body) already holds its place: a retry after a
         * lost answer or a twin in flight. It may write its row; PostgreSQL lets only one of them succeed.
         */
        HELD,
        /** This booking holds a place in another slot (an earlier attempt chose another): its answer is pending. */
        HELD_ELSEWHERE,
        /** The ledger is missing (Redis restarted or was flushed): rebuild it from PostgreSQL and ask again. */
        LEDGER_MISSING,
        /** Its request had given it up and withdrawn it before it reached Redis: nothing was counted. */
        WITHDRAWN
    }

    /** What a claim is for, which decides what it counts. */
    public enum Purpose {
        /** A new declaration: a place, a unit of the firm's daily quota, the truck, and its own id. */
        NEW_BOOKING,
        /** An amendment within the same day: a place in the new slot (if any) and the truck. */
        MOVE_WITHIN_DAY,
        /** An amendment to another day: as above, plus a unit of the firm's quota on that day. */
        MOVE_TO_ANOTHER_DAY;

        boolean countsAgainstQuota() {
            return this != MOVE_WITHIN_DAY;
        }
    }

    public boolean admitted() {
        return outcome == Outcome.ADMITTED;
    }

    /** Whether this claim counted a place itself (and so must give it back if its row is not written). */
    public boolean countedAPlace() {
        return outcome == Outcome.ADMITTED;
    }
}
