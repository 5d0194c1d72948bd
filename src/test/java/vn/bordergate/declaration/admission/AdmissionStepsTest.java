package vn.bordergate.declaration.admission;

import vn.bordergate.declaration.Declaration;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.bordergate.http.ProblemException;
import vn.bordergate.declaration.admission.AdmissionSteps.Action;
import vn.bordergate.declaration.admission.AdmissionSteps.NoAnswer;
import vn.bordergate.declaration.admission.AdmissionSteps.Unwritten;
import vn.bordergate.slot.Claim;

import java.io.IOException;
import java.net.ConnectException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The admission rules of a booking and an amendment, one decision at a time, without any I/O. */
class AdmissionStepsTest {

    static final Declaration DRAFT = BookingFakes.draft().withSlot(BookingFakes.EIGHT, 0);

    static AdmissionSteps.Next afterClaim(Claim.Purpose purpose, Claim.Outcome outcome) {
        return AdmissionSteps.afterClaim(purpose, outcome, BookingFakes.gate(), DRAFT, 3, 2);
    }

    /** The refusal as a firm reads it: "409 quota-exceeded", or the exception's class when it is not a problem. */
    static String answered(Throwable refusal) {
        return refusal instanceof ProblemException p ? p.status() + " " + p.type() : refusal.getClass().getSimpleName();
    }

    @ParameterizedTest(name = "{0} answered {1}: {2} {3}")
    @CsvSource({
            "NEW_BOOKING,         ADMITTED,               WRITE,",
            "NEW_BOOKING,         HELD,                   WRITE,",
            "NEW_BOOKING,         LEDGER_MISSING,         REBUILD_AND_RETRY,",
            "NEW_BOOKING,         SLOT_FULL,              SLOT_FULL,",
            "NEW_BOOKING,         QUOTA_EXCEEDED,         REFUSE, 409 quota-exceeded",
            "NEW_BOOKING,         VEHICLE_ALREADY_BOOKED, REFUSE, 409 vehicle-already-booked",
            "NEW_BOOKING,         HELD_ELSEWHERE,         REFUSE, 503 unavailable",
            "MOVE_WITHIN_DAY,     ADMITTED,               WRITE,",
            "MOVE_WITHIN_DAY,     LEDGER_MISSING,         REBUILD_AND_RETRY,",
            "MOVE_WITHIN_DAY,     SLOT_FULL,              SLOT_FULL,",
            "MOVE_WITHIN_DAY,     VEHICLE_ALREADY_BOOKED, REFUSE, 409 vehicle-already-booked",
            "MOVE_WITHIN_DAY,     HELD,                   REFUSE, IllegalStateException",
            "MOVE_WITHIN_DAY,     HELD_ELSEWHERE,         REFUSE, IllegalStateException",
            "MOVE_TO_ANOTHER_DAY, ADMITTED,               WRITE,",
            "MOVE_TO_ANOTHER_DAY, QUOTA_EXCEEDED,         REFUSE, 409 quota-exceeded",
            "MOVE_TO_ANOTHER_DAY, HELD,                   REFUSE, IllegalStateException",
    })
    void eachAnswerOfTheLedgerLeadsToOneStep(Claim.Purpose purpose, Claim.Outcome outcome, Action action, String refusal) {
        AdmissionSteps.Next next = afterClaim(purpose, outcome);

        assertEquals(action, next.action());
        assertEquals(refusal, next.refusal() == null ? null : answered(next.refusal()));
    }

    @Test
    void refusalsTellTheFirmWhatToDo() {
        ProblemException quota = (ProblemException) afterClaim(Claim.Purpose.NEW_BOOKING, Claim.Outcome.QUOTA_EXCEEDED).refusal();
        assertTrue(quota.detail().contains("already holds 3 bookings at HUU_NGHI on 2026-11-29"), quota.detail());
        assertNull(quota.retryAfterSeconds(), "waiting does not lift a quota");

        ProblemException truck = (ProblemException) afterClaim(Claim.Purpose.NEW_BOOKING, Claim.Outcome.VEHICLE_ALREADY_BOOKED).refusal();
        assertTrue(truck.detail().contains("truck 29C-123.45 already has an active booking on 2026-11-29"), truck.detail());

        ProblemException pending = (ProblemException) afterClaim(Claim.Purpose.NEW_BOOKING, Claim.Outcome.HELD_ELSEWHERE).refusal();
        assertEquals(2, pending.retryAfterSeconds(), "the earlier request's answer is ready shortly");
    }

    @ParameterizedTest(name = "attempt {0} may claim: {1}")
    @CsvSource({"1, true", "4, true", "5, false"})
    void fourClaimsThenTheFirmIsAskedToRetry(int attempt, boolean mayClaim) {
        assertEquals(mayClaim, AdmissionSteps.mayClaim(attempt));
    }

    @Test
    void runningOutOfAttemptsIsA503WithRetryAfter() {
        ProblemException refusal = AdmissionSteps.tooManyAttempts(2);
        assertEquals("503 unavailable", answered(refusal));
        assertEquals(2, refusal.retryAfterSeconds());
    }

    static Stream<Arguments> claimFailures() {
        return Stream.of(
                arguments("no answer in time", new TimeoutException(), NoAnswer.GIVE_BACK_AND_REFUSE),
                arguments("Redis refusing connections", new ConnectException("Connection refused"), NoAnswer.DECIDE_IN_POSTGRESQL),
                arguments("the Redis connection reset", new IOException("Connection reset by peer"), NoAnswer.DECIDE_IN_POSTGRESQL),
                arguments("a refusal already", AdmissionSteps.busy(2), NoAnswer.PASS_ON));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("claimFailures")
    void aClaimWithoutAnAnswerIsRetriedLaterOrDecidedInPostgres(String why, Throwable failure, NoAnswer expected) {
        assertEquals(expected, AdmissionSteps.noAnswer(failure));
    }

    static final PgException PLATE_TAKEN = BookingFakes.uniqueViolation("declarations_one_active_per_plate_day");
    static final PgException TWIN_WROTE_IT = BookingFakes.uniqueViolation("declarations_pkey");

    static PgException sqlState(String state) {
        return new PgException("terminating connection", "FATAL", state, null);
    }

    static Stream<Arguments> failedWrites() {
        return Stream.of(
                arguments(Claim.Outcome.ADMITTED, "another booking of the truck", PLATE_TAKEN, Unwritten.GIVE_BACK),
                arguments(Claim.Outcome.HELD, "another booking of the truck", PLATE_TAKEN, Unwritten.KEEP),
                arguments(Claim.Outcome.ADMITTED, "a twin wrote this declaration", TWIN_WROTE_IT, Unwritten.KEEP),
                arguments(Claim.Outcome.ADMITTED, "connection refused (never sent)", new ConnectException("refused"), Unwritten.GIVE_BACK),
                arguments(Claim.Outcome.ADMITTED, "PostgreSQL starting up (never sent)", sqlState("57P03"), Unwritten.GIVE_BACK),
                arguments(Claim.Outcome.ADMITTED, "connection closed mid-write", ClosedConnectionException.INSTANCE, Unwritten.RECOUNT),
                arguments(Claim.Outcome.HELD, "connection closed mid-write", ClosedConnectionException.INSTANCE, Unwritten.RECOUNT),
                arguments(Claim.Outcome.ADMITTED, "admin shutdown mid-write", sqlState("57P01"), Unwritten.RECOUNT),
                arguments(Claim.Outcome.ADMITTED, "any other error", new IllegalStateException("boom"), Unwritten.GIVE_BACK));
    }

    @ParameterizedTest(name = "{0} claim, {1}: {3}")
    @MethodSource("failedWrites")
    void aPlaceIsGivenBackOnlyWhenNoRowCanHoldIt(Claim.Outcome claimed, String why, Throwable failure, Unwritten expected) {
        assertEquals(expected, AdmissionSteps.afterFailedWrite(new Claim(claimed, "e1", 1), failure));
    }

    @Test
    void aFencedOutWriteGivesBackOnlyAPlaceItsClaimCounted() {
        assertEquals(Unwritten.GIVE_BACK, AdmissionSteps.afterFencedOut(new Claim(Claim.Outcome.ADMITTED, "e1", 1)));
        assertEquals(Unwritten.KEEP, AdmissionSteps.afterFencedOut(new Claim(Claim.Outcome.HELD, "e1", 1)));
    }

    static Stream<Arguments> writeFailures() {
        return Stream.of(
                arguments("another booking of the truck", PLATE_TAKEN, "409 vehicle-already-booked"),
                arguments("connection refused", new ConnectException("refused"), "503 unavailable"),
                arguments("connection closed mid-write", ClosedConnectionException.INSTANCE, "503 unavailable"),
                arguments("PostgreSQL shutting down", sqlState("57P01"), "503 unavailable"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("writeFailures")
    void aFailedWriteIsAnsweredAsTheFirmCanActOnIt(String why, Throwable failure, String answer) {
        Throwable refusal = AdmissionSteps.writeRefusal(failure, DRAFT);
        assertEquals(answer, answered(refusal));
        if (refusal instanceof ProblemException p && p.status() == 503) {
            assertEquals(3, p.retryAfterSeconds(), "about one PostgreSQL restart");
        }
    }

    @Test
    void aWriteFailureThatIsNoOutageIsPassedOnAsItIs() {
        assertSame(TWIN_WROTE_IT, AdmissionSteps.writeRefusal(TWIN_WROTE_IT, DRAFT), "the caller finds the twin's row");
        IllegalStateException bug = new IllegalStateException("boom");
        assertSame(bug, AdmissionSteps.writeRefusal(bug, DRAFT));
    }

    @ParameterizedTest(name = "{0} in candidate {1} of {2}: next {3}")
    @CsvSource({
            "slot-full,      0, 2, true",
            "slot-full,      1, 2, false",
            "slot-full,      0, 1, false",
            "quota-exceeded, 0, 2, false",
    })
    void onlyAFullSlotMovesOnToTheNextCandidate(String type, int index, int candidates, boolean next) {
        ProblemException refusal = new ProblemException(409, type, "t", "d");
        assertEquals(next, AdmissionSteps.tryNextCandidate(refusal, index, candidates));
    }

    @Test
    void aFailureThatIsNoProblemNeverMovesOn() {
        assertFalse(AdmissionSteps.tryNextCandidate(new IllegalStateException("slot-full"), 0, 2));
    }
}
