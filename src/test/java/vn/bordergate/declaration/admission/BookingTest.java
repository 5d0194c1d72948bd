package vn.bordergate.declaration.admission;

import vn.bordergate.declaration.Declaration;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.bordergate.http.ProblemException;
import vn.bordergate.declaration.admission.BookingFakes.Audit;
import vn.bordergate.declaration.admission.BookingFakes.Availability;
import vn.bordergate.declaration.admission.BookingFakes.Declarations;
import vn.bordergate.declaration.admission.BookingFakes.Fallback;
import vn.bordergate.declaration.admission.BookingFakes.Ledger;
import vn.bordergate.declaration.admission.BookingFakes.Live;
import vn.bordergate.declaration.admission.BookingFakes.Rebuild;
import vn.bordergate.slot.Claim;
import vn.bordergate.slot.FullSlots;
import vn.bordergate.slot.Slot;
import vn.bordergate.slot.SlotView;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static vn.bordergate.declaration.admission.BookingFakes.EIGHT;
import static vn.bordergate.declaration.admission.BookingFakes.NINE;
import static vn.bordergate.declaration.admission.BookingFakes.QUOTA;
import static vn.bordergate.declaration.admission.BookingFakes.RETRY_AFTER;
import static vn.bordergate.declaration.admission.BookingFakes.admitted;
import static vn.bordergate.declaration.admission.BookingFakes.answer;

/**
 * Booking on its own, without Quarkus: the Redis ledger, PostgreSQL and the fallback are fakes scripted per
 * test, so each path (retries after a missing or replaced ledger, a failed or timed-out write, Redis down)
 * is taken on purpose, and the test sees what the firm is answered and what happened to the place.
 */
class BookingTest {

    final Ledger ledger = new Ledger();
    final Rebuild rebuild = new Rebuild();
    final Declarations rows = new Declarations();
    final Fallback fallback = new Fallback();
    final Live live = new Live();

    Booking booking(Duration redisTimeout) {
        return new Booking(ledger, rebuild, new SlotFullAnswers(new Availability()), rows, new Audit(), BookingFakes.config(redisTimeout),
                fallback, live, FullSlots.off(), new PendingGiveBacks(), vn.bordergate.common.TracedSteps.none());
    }

    Uni<Declaration> book(Slot... candidates) {
        return booking(Duration.ofSeconds(5)).book(BookingFakes.gate(), BookingFakes.draft(), List.of(candidates),
                BookingFakes.firm(), BookingFakes.idempotencyKey());
    }

    static Declaration booked(Uni<Declaration> booking) {
        return booking.await().atMost(Duration.ofSeconds(10));
    }

    static ProblemException refused(Uni<Declaration> booking) {
        return assertThrows(ProblemException.class, () -> booking.await().atMost(Duration.ofSeconds(10)));
    }

    static void assertProblem(ProblemException problem, int status, String type) {
        assertEquals(status + " " + type, problem.status() + " " + problem.type(), problem.getMessage());
    }

    @Test
    void anAdmittedClaimIsWrittenUnderItsEpochWithItsQueueNumber() {
        ledger.answers(admitted("e1", 17));

        Declaration stored = booked(book(EIGHT));

        assertEquals("HN-20261129-000001", stored.reference());
        assertEquals(EIGHT, stored.slot());
        assertEquals(17, stored.queueNumber(), "the queue number the ledger handed out");
        assertEquals(List.of("e1"), rows.writes.stream().map(BookingFakes.Write::epoch).toList(),
                "the row is fenced by the ledger generation that admitted it");
        assertEquals(List.of(), ledger.givenBack);
        assertEquals(Claim.Purpose.NEW_BOOKING, ledger.claims.get(0).purpose());
        assertEquals(QUOTA, ledger.claims.get(0).quota());
        assertEquals(List.of(), fallback.quotas, "Redis answered: PostgreSQL alone decides nothing");
        assertEquals(1, live.published.size(), "followers hear of the booking");
    }

    @Test
    void aPlaceAlreadyHeldByATwinOfThisBookingIsWrittenToo() {
        ledger.answers(new Claim(Claim.Outcome.HELD, "e1", 5));

        Declaration stored = booked(book(EIGHT));

        assertEquals(5, stored.queueNumber());
        assertEquals(1, rows.writes.size());
        assertEquals(List.of(), ledger.givenBack);
    }

    @Test
    void aMissingLedgerIsRebuiltFromPostgresThenClaimedAgain() {
        ledger.answers(answer(Claim.Outcome.LEDGER_MISSING), admitted("e2", 3));

        Declaration stored = booked(book(EIGHT));

        assertEquals(3, stored.queueNumber());
        assertEquals(1, rebuild.rebuilds);
        assertEquals(2, ledger.claims.size());
        assertEquals(List.of("e2"), rows.writes.stream().map(BookingFakes.Write::epoch).toList());
    }

    @Test
    void aLedgerThatStaysMissingIsRefusedWith503AfterFourClaims() {
        ledger.answers(answer(Claim.Outcome.LEDGER_MISSING));

        ProblemException refusal = refused(book(EIGHT));

        assertProblem(refusal, 503, "unavailable");
        assertEquals(RETRY_AFTER, refusal.retryAfterSeconds());
        assertEquals(AdmissionSteps.MAX_ATTEMPTS, ledger.claims.size());
        assertEquals(AdmissionSteps.MAX_ATTEMPTS, rebuild.rebuilds);
        assertEquals(List.of(), rows.writes);
    }

    @Test
    void aWriteFencedOutByANewerLedgerGivesThePlaceBackAndClaimsAgain() {
        ledger.answers(admitted("e1", 7), admitted("e2", 8));
        rows.fencedOut().commits();

        Declaration stored = booked(book(EIGHT));

        assertEquals(8, stored.queueNumber(), "the answer is the second claim's");
        assertEquals(List.of("e1", "e2"), rows.writes.stream().map(BookingFakes.Write::epoch).toList());
        assertEquals(1, ledger.givenBack.size(), "the first claim's place is given back");
        assertEquals("e1", ledger.givenBack.get(0).epoch(), "only if the old ledger is still the one that counted it");
        assertEquals(ledger.claims.get(0).attempt(), ledger.givenBack.get(0).attempt(), "by the attempt that counted it");
        assertNotEquals(ledger.claims.get(0).attempt(), ledger.claims.get(1).attempt());
        assertEquals(List.of("e1"), ledger.invalidated, "the replaced ledger is dropped if it is still there");
    }

    @Test
    void aTwinsPlaceIsNotGivenBackWhenItsWriteIsFencedOut() {
        ledger.answers(new Claim(Claim.Outcome.HELD, "e1", 5), admitted("e2", 6));
        rows.fencedOut().commits();

        booked(book(EIGHT));

        assertEquals(List.of(), ledger.givenBack, "a HELD claim counted no place of its own");
        assertEquals(List.of("e1"), ledger.invalidated);
        assertEquals(2, ledger.claims.size());
    }

    @Test
    void aLedgerReplacedUnderEveryWriteEndsIn503WithEveryPlaceGivenBack() {
        ledger.answers(admitted("e1", 1), admitted("e2", 2), admitted("e3", 3), admitted("e4", 4));
        rows.fencedOut();

        ProblemException refusal = refused(book(EIGHT));

        assertProblem(refusal, 503, "unavailable");
        assertEquals(AdmissionSteps.MAX_ATTEMPTS, rows.writes.size());
        assertEquals(List.of("e1", "e2", "e3", "e4"), ledger.givenBack.stream().map(BookingFakes.GivenBack::epoch).toList());
    }

    /** How a failed write ends: what the firm hears, and whether the place is given back or the ledger recounted. */
    static Stream<Arguments> failedWrites() {
        return Stream.of(
                arguments("another active booking of the truck", Claim.Outcome.ADMITTED,
                        BookingFakes.uniqueViolation("declarations_one_active_per_plate_day"), "409 vehicle-already-booked", true, false),
                arguments("the truck's booking, after a twin's place", Claim.Outcome.HELD,
                        BookingFakes.uniqueViolation("declarations_one_active_per_plate_day"), "409 vehicle-already-booked", false, false),
                arguments("PostgreSQL refusing connections", Claim.Outcome.ADMITTED,
                        new ConnectException("Connection refused"), "503 unavailable", true, false),
                arguments("the connection lost under the write", Claim.Outcome.ADMITTED,
                        ClosedConnectionException.INSTANCE, "503 unavailable", false, true),
                arguments("the connection lost under a twin's write", Claim.Outcome.HELD,
                        ClosedConnectionException.INSTANCE, "503 unavailable", false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedWrites")
    void aFailedWriteIsAnsweredAndItsPlaceGivenBackOnlyIfNoRowCanHoldIt(String why, Claim.Outcome claimed, Throwable failure,
                                                                      String answer, boolean givenBack, boolean recounted) {
        ledger.answers(new Claim(claimed, "e1", 9));
        rows.failsWith(failure);

        ProblemException refusal = refused(book(EIGHT));

        assertEquals(answer, refusal.status() + " " + refusal.type(), refusal.getMessage());
        assertEquals(givenBack ? List.of("e1") : List.of(), ledger.givenBack.stream().map(BookingFakes.GivenBack::epoch).toList(),
                "place given back, in the ledger generation that counted it");
        assertEquals(recounted ? List.of("e1") : List.of(), ledger.invalidated, "ledger dropped to be recounted");
        assertEquals(1, ledger.claims.size(), "a failed write is not retried: the firm retries with its key");
    }

    @Test
    void aWriteAlreadyDoneByATwinKeepsThePlaceAndLetsTheCallerFindTheRow() {
        ledger.answers(admitted("e1", 9));
        Throwable twinWroteIt = BookingFakes.uniqueViolation("declarations_pkey");
        rows.failsWith(twinWroteIt);

        Throwable failure = assertThrows(Throwable.class, () -> book(EIGHT).await().atMost(Duration.ofSeconds(10)));

        assertSame(twinWroteIt, failure, "DeclarationService answers with the twin's booking");
        assertEquals(List.of(), ledger.givenBack, "the twin's row holds the place");
    }

    @Test
    void aClaimRedisDoesNotAnswerInTimeIsGivenBackAndTheFirmRetriesLater() {
        ledger.neverAnswers();

        ProblemException refusal = refused(booking(Duration.ofMillis(50)).book(BookingFakes.gate(), BookingFakes.draft(),
                List.of(EIGHT), BookingFakes.firm(), BookingFakes.idempotencyKey()));

        assertProblem(refusal, 503, "unavailable");
        assertEquals(RETRY_AFTER, refusal.retryAfterSeconds());
        assertEquals(1, ledger.givenBack.size(), "whatever the late claim counted is given back");
        assertEquals(ledger.claims.get(0).attempt(), ledger.givenBack.get(0).attempt(), "only if this attempt counted it");
        assertEquals(null, ledger.givenBack.get(0).epoch(), "in whatever ledger generation it landed");
        assertEquals(List.of(), fallback.quotas, "an overloaded Redis is not worked around in PostgreSQL");
        assertEquals(List.of(), rows.writes);
    }

    @Test
    void withRedisUnreachablePostgresDecidesAlone() {
        ledger.failsWith(new ConnectException("Connection refused: localhost/127.0.0.1:6379"));

        Declaration stored = booked(book(EIGHT));

        assertEquals("HN-20261129-000002", stored.reference(), "the fallback's booking");
        assertEquals(List.of(QUOTA), fallback.quotas, "the fallback checks the same firm quota");
        assertEquals(List.of(), rows.writes, "no write fenced by a Redis ledger");
        assertEquals(List.of(), ledger.givenBack);
    }

    @Test
    void aRefusalFromTheLedgerCallIsPassedOnNotDecidedInPostgres() {
        ledger.failsWith(AdmissionSteps.busy(RETRY_AFTER));

        assertProblem(refused(book(EIGHT)), 503, "unavailable");
        assertEquals(List.of(), fallback.quotas);
    }

    @ParameterizedTest
    @EnumSource(value = Claim.Outcome.class, names = {"SLOT_FULL", "QUOTA_EXCEEDED", "VEHICLE_ALREADY_BOOKED", "HELD_ELSEWHERE"})
    void aRefusedClaimIsAnsweredAtOnceAndWritesNothing(Claim.Outcome outcome) {
        ledger.answers(answer(outcome));

        ProblemException refusal = refused(book(EIGHT));

        switch (outcome) {
            case SLOT_FULL -> {
                assertProblem(refusal, 409, "slot-full");
                assertEquals(List.of(new SlotView(NINE.start(), NINE.end(), 40, 12, 28)), refusal.extensions().get("alternatives"));
            }
            case QUOTA_EXCEEDED -> {
                assertProblem(refusal, 409, "quota-exceeded");
                assertTrue(refusal.getMessage().contains("already holds " + QUOTA + " bookings"), refusal.getMessage());
            }
            case VEHICLE_ALREADY_BOOKED -> {
                assertProblem(refusal, 409, "vehicle-already-booked");
                assertTrue(refusal.getMessage().contains("29C-123.45"), refusal.getMessage());
            }
            case HELD_ELSEWHERE -> {
                assertProblem(refusal, 503, "unavailable");
                assertEquals(RETRY_AFTER, refusal.retryAfterSeconds(), "the earlier request's answer comes soon");
            }
            default -> throw new IllegalArgumentException(outcome.name());
        }
        assertEquals(1, ledger.claims.size());
        assertEquals(0, rebuild.rebuilds);
        assertEquals(List.of(), rows.writes);
        assertEquals(List.of(), ledger.givenBack, "a refused claim counted nothing");
    }

    @Test
    void aFullSlotAmongSeveralCandidatesBooksTheNextOne() {
        ledger.answers(answer(Claim.Outcome.SLOT_FULL), admitted("e1", 4));

        Declaration stored = booked(book(EIGHT, NINE));

        assertEquals(NINE, stored.slot());
        assertEquals(List.of(EIGHT, NINE), ledger.claims.stream().map(c -> c.holding().slot()).toList());
    }

    @Test
    void whenEveryCandidateIsFullTheFirmHearsSlotFull() {
        ledger.answers(answer(Claim.Outcome.SLOT_FULL));

        assertProblem(refused(book(EIGHT, NINE)), 409, "slot-full");
        assertEquals(2, ledger.claims.size());
    }

    @Test
    void aQuotaRefusalIsNotRetriedInTheNextCandidate() {
        ledger.answers(answer(Claim.Outcome.QUOTA_EXCEEDED));

        assertProblem(refused(book(EIGHT, NINE)), 409, "quota-exceeded");
        assertEquals(1, ledger.claims.size(), "another slot would not lift the firm's daily quota");
    }

    @Test
    void anUnexpectedWriteFailureIsPassedOnAndThePlaceGivenBack() {
        ledger.answers(admitted("e1", 9));
        IllegalStateException bug = new IllegalStateException("boom");
        rows.failsWith(bug);

        Throwable failure = assertThrows(IllegalStateException.class, () -> book(EIGHT).await().atMost(Duration.ofSeconds(10)));

        assertSame(bug, failure);
        assertEquals(List.of("e1"), ledger.givenBack.stream().map(BookingFakes.GivenBack::epoch).toList(),
                "no row holds the place");
    }
}
