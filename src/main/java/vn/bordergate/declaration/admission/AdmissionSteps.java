package vn.bordergate.declaration.admission;

import vn.bordergate.declaration.Declaration;
import io.smallrye.mutiny.TimeoutException;
import vn.bordergate.persistence.DatabaseOutage;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;
import vn.bordergate.gate.Gate;
import vn.bordergate.slot.Claim;

/**
 * What a booking (or an amendment) does after each answer on its way in: the ledger's answer to its claim,
 * a claim left unanswered, a write that failed or was fenced out. Kept apart from the I/O of {@link Booking}
 * and {@link Amendment}, so that each rule can be tested on its own.
 */
public final class AdmissionSteps {

    /** Claims one request may make; each retry follows a rebuilt or replaced ledger. */
    static final int MAX_ATTEMPTS = 4;

    private AdmissionSteps() {
    }

    /** What follows the ledger's answer to a claim. */
    public enum Action {
        /** The place is this request's: write the row. */
        WRITE,
        /** The ledger is missing: rebuild it from PostgreSQL, then claim again. */
        REBUILD_AND_RETRY,
        /** No place left: a 409 naming other slots, or the next candidate slot. */
        SLOT_FULL,
        /** Refused with {@link Next#refusal()}. */
        REFUSE
    }

    /** The step after a claim's answer; {@code refusal} is set only with {@link Action#REFUSE}. */
    public record Next(Action action, RuntimeException refusal) {
    }

    /** What follows a claim that got no answer from the ledger. */
    public enum NoAnswer {
        /** Redis answered too slowly: give back what the claim may have counted, and the firm retries shortly. */
        GIVE_BACK_AND_REFUSE,
        /** Redis is unreachable: decide in PostgreSQL instead. */
        DECIDE_IN_POSTGRESQL,
        /** Already a refusal meant for the firm. */
        PASS_ON
    }

    /** What becomes of a claim whose row was not written. */
    public enum Unwritten {
        /** No row can hold the place: give it back. */
        GIVE_BACK,
        /** Nothing to give back: the claim counted no place, or this very declaration's row exists. */
        KEEP,
        /** The connection died under the write, which may have committed: drop the ledger, so it is recounted. */
        RECOUNT
    }

    /** Whether attempt number {@code attempt} (from 1) may still claim. */
    public static boolean mayClaim(int attempt) {
        return attempt <= MAX_ATTEMPTS;
    }

    /** The answer once {@link #MAX_ATTEMPTS} claims found the ledger missing or replaced. */
    public static ProblemException tooManyAttempts(int retryAfterSeconds) {
        return Problems.unavailable("the slot ledger is being rebuilt; retry shortly", retryAfterSeconds);
    }

    /**
     * The step after the ledger answered {@code outcome} to a claim for {@code purpose}. Only a new booking
     * may be told its place is already held (a retry or twin of itself, see claim.lua): it may write.
     */
    public static Next afterClaim(Claim.Purpose purpose, Claim.Outcome outcome, Gate gate, Declaration draft, int quota,
                           int retryAfterSeconds) {
        boolean newBooking = purpose == Claim.Purpose.NEW_BOOKING;
        return switch (outcome) {
            case ADMITTED -> new Next(Action.WRITE, null);
            case LEDGER_MISSING -> new Next(Action.REBUILD_AND_RETRY, null);
            // Only an answer nobody waits for any more: its request had timed out and given it back.
            case WITHDRAWN -> refuse(busy(retryAfterSeconds));
            case SLOT_FULL -> new Next(Action.SLOT_FULL, null);
            case QUOTA_EXCEEDED -> refuse(Refusals.quotaExceeded(gate, draft, quota));
            case VEHICLE_ALREADY_BOOKED -> refuse(Refusals.vehicleAlreadyBooked(draft));
            case HELD -> newBooking ? new Next(Action.WRITE, null) : refuse(unexpected(outcome));
            case HELD_ELSEWHERE -> newBooking ? refuse(Problems.unavailable("an earlier request with this "
                    + "Idempotency-Key is still being booked; retry shortly for its answer", retryAfterSeconds))
                    : refuse(unexpected(outcome));
        };
    }

    /** What follows a claim that failed with {@code failure} instead of answering. */
    public static NoAnswer noAnswer(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return NoAnswer.GIVE_BACK_AND_REFUSE;
        }
        return failure instanceof ProblemException ? NoAnswer.PASS_ON : NoAnswer.DECIDE_IN_POSTGRESQL;
    }

    /**
     * A slow answer means Redis (or this instance) is overloaded: deciding in PostgreSQL under a gate-day lock
     * would only add to it, so the firm retries shortly instead.
     */
    public static ProblemException busy(int retryAfterSeconds) {
        return Problems.unavailable("the admission service is busy; retry shortly", retryAfterSeconds);
    }

    /**
     * What becomes of {@code claim} when its row's write failed with {@code failure}. A place is given back
     * only when no row can hold it: not when the same declaration's row exists (a twin request wrote it), and
     * not when the connection died under the statement (it may have committed).
     */
    static Unwritten afterFailedWrite(Claim claim, Throwable failure) {
        if (DatabaseOutage.outcomeUnknown(failure)) {
            return Unwritten.RECOUNT;
        }
        if (!claim.countedAPlace() || Refusals.isSameDeclarationWritten(failure)) {
            return Unwritten.KEEP;
        }
        return Unwritten.GIVE_BACK;
    }

    /** What becomes of {@code claim} when its write was fenced out: the ledger that admitted it was replaced. */
    static Unwritten afterFencedOut(Claim claim) {
        return claim.countedAPlace() ? Unwritten.GIVE_BACK : Unwritten.KEEP;
    }

    /** What the firm hears when the write of {@code draft} failed with {@code failure}. */
    static Throwable writeRefusal(Throwable failure, Declaration draft) {
        if (Refusals.isPlateTaken(failure)) {
            return Refusals.vehicleAlreadyBooked(draft);
        }
        return DatabaseOutage.any(failure) ? Problems.databaseUnavailable() : failure;
    }

    /** Whether a booking refused with {@code failure} in candidate {@code index} tries the next candidate slot. */
    static boolean tryNextCandidate(Throwable failure, int index, int candidates) {
        return Refusals.isSlotFull(failure) && index + 1 < candidates;
    }

    private static Next refuse(RuntimeException refusal) {
        return new Next(Action.REFUSE, refusal);
    }

    private static IllegalStateException unexpected(Claim.Outcome outcome) {
        return new IllegalStateException("an amendment's claim answered " + outcome);
    }
}
