package vn.bordergate.declaration.admission;

import org.junit.jupiter.api.Test;
import vn.bordergate.declaration.admission.AdmissionQueue.Arrival;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The line of bookings in front of an instance: who runs, who waits, who is refused and when, and in what
 * order the waiting firms get their turn.
 */
class AdmissionQueueTest {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;

    @Test
    void bookingsPastTheBoundWaitAndAFinishedOneHandsItsPlaceToTheNext() {
        AdmissionQueue<String> queue = new AdmissionQueue<>(2, 10, 100, SECOND);
        assertEquals(Arrival.ENTERED, queue.arrive("A", "a1", 0));
        assertEquals(Arrival.ENTERED, queue.arrive("B", "b1", 0));
        assertEquals(Arrival.QUEUED, queue.arrive("C", "c1", 0), "two run already: the third waits, it is not refused");

        AdmissionQueue.Turn<String> turn = queue.leave("A", 10 * MS, 10 * MS);
        assertEquals("c1", turn.waiter());
        assertFalse(turn.expired());
        assertEquals(2, queue.inFlight());
        assertEquals(0, queue.queued());
        assertNull(queue.leave("B", 10 * MS, 20 * MS), "nobody waits: the place stays free");
        assertEquals(1, queue.inFlight());
    }

    @Test
    void waitingFirmsTakeTurnsSoOneFirmsBurstDoesNotPushTheOthersBack() {
        AdmissionQueue<String> queue = new AdmissionQueue<>(1, 10, 100, SECOND);
        queue.arrive("X", "x1", 0);
        queue.arrive("A", "a1", 0);
        queue.arrive("A", "a2", 0);
        queue.arrive("A", "a3", 0);
        queue.arrive("B", "b1", 0);
        List<String> order = new ArrayList<>();
        String firm = "X";
        for (AdmissionQueue.Turn<String> turn = queue.leave(firm, MS, MS); turn != null;
             turn = queue.leave(firm, MS, MS)) {
            order.add(turn.waiter());
            firm = turn.firm();
        }
        assertEquals(List.of("a1", "b1", "a2", "a3"), order);
    }

    @Test
    void aBookingWhoseWaitWouldPassTheDeadlineIsRefusedAtOnce() {
        // Bookings lately took 100 ms with 2 running: one place frees every 50 ms, so the 20th in line
        // would wait about a second.
        AdmissionQueue<String> queue = new AdmissionQueue<>(2, 1000, 1000, SECOND);
        for (int i = 0; i < 2000; i++) {
            queue.arrive("F", "warm", 0);
            queue.leave("F", 100 * MS, 0);
        }
        queue.arrive("A", "a", 0);
        queue.arrive("B", "b", 0);
        int waiting = 0;
        while (queue.arrive("W" + waiting, "w", 0) == Arrival.QUEUED) {
            waiting++;
        }
        assertTrue(waiting >= 18 && waiting <= 20, "about a second of bookings waits, no more: " + waiting);
        assertEquals(Arrival.WAIT_TOO_LONG, queue.arrive("late", "w", 0));
    }

    @Test
    void aTurnThatComesWellPastTheDeadlineIsMarkedForRefusalAndOneALittleLateIsServed() {
        AdmissionQueue<String> queue = new AdmissionQueue<>(1, 10, 100, SECOND);
        queue.arrive("A", "a1", 0);
        queue.arrive("B", "b1", 0);
        queue.arrive("C", "c1", 0);
        AdmissionQueue.Turn<String> served = queue.leave("A", 2 * SECOND, 2 * SECOND);
        assertFalse(served.expired(), "b1 waited for its answer: two seconds late, it is still answered");
        AdmissionQueue.Turn<String> refused = queue.leave("B", 2 * SECOND, 4 * SECOND);
        assertTrue(refused.expired(), "c1 waited four seconds for a one-second deadline: its client has likely gone");
    }

    @Test
    void oneFirmHoldsAtMostItsShareRunningOrWaiting() {
        AdmissionQueue<String> queue = new AdmissionQueue<>(1, 2, 100, SECOND);
        assertEquals(Arrival.ENTERED, queue.arrive("A", "a1", 0));
        assertEquals(Arrival.QUEUED, queue.arrive("A", "a2", 0));
        assertEquals(Arrival.FIRM_AT_ITS_SHARE, queue.arrive("A", "a3", 0));
        assertEquals(Arrival.QUEUED, queue.arrive("B", "b1", 0), "another firm still gets in line");
    }

    @Test
    void aClientThatLeavesTheLineFreesItsPlaceInIt() {
        AdmissionQueue<String> queue = new AdmissionQueue<>(1, 2, 100, SECOND);
        queue.arrive("A", "a1", 0);
        queue.arrive("B", "b1", 0);
        queue.arrive("B", "b2", 0);
        assertTrue(queue.withdraw("B", "b1"));
        assertFalse(queue.withdraw("B", "b1"), "only once");
        assertEquals(1, queue.queued());
        assertEquals(Arrival.QUEUED, queue.arrive("B", "b3", 0), "the firm's share counts only who is still inside");
        assertEquals("b2", queue.leave("A", MS, MS).waiter());
    }
}
