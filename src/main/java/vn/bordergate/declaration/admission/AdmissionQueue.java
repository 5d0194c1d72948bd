package vn.bordergate.declaration.admission;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bookings one instance works on, and those waiting for their turn. Up to {@code maxInFlight} run at
 * once; the rest wait, firm by firm in turn (one firm's burst does not push the others back), for as long as
 * the wait is expected to fit in {@code maxWaitNanos}. One firm holds at most {@code maxPerFirm} of the
 * bookings inside, running or waiting.
 * <p>
 * The expected wait comes from what bookings have lately taken: with every place busy, one frees every
 * {@code serviceTime / maxInFlight} on average (Little's law), so the {@code n}-th in line waits about
 * {@code n} times that. A booking is refused only when its expected wait exceeds the deadline; once in
 * line it is served when its turn comes (it has waited for the answer), unless it waited three deadlines:
 * then the estimate was badly wrong and its client has likely given up.
 *
 * @param <W> what a waiting booking is: here the request to resume
 */
final class AdmissionQueue<W> {

    /** What becomes of a booking that arrives. */
    enum Arrival {
        /** It runs now. */
        ENTERED,
        /** It waits for a place; {@link #leave} hands it over when its turn comes. */
        QUEUED,
        /** Its firm holds its share of the bookings inside already. */
        FIRM_AT_ITS_SHARE,
        /** Its wait would exceed the deadline (or the queue is at its hard bound). */
        WAIT_TOO_LONG
    }

    /** A booking whose turn came: {@code expired} when it waited past the deadline and is refused instead. */
    record Turn<W>(W waiter, String firm, boolean expired) {
    }

    private record Waiting<W>(W waiter, long since) {
    }

    // A first guess of what a booking takes, until bookings have been measured (a warmed instance on 2 cores).
    private static final long FIRST_GUESS_NANOS = 50_000_000L;
    // A turn this many deadlines late means the estimate was badly wrong: the client is likely to have given up.
    private static final int LATE_TURN = 3;
    // Weight of the latest booking in the running average: about the last hundred count.
    private static final double WEIGHT = 0.01;

    private final int maxInFlight;
    private final int maxPerFirm;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final Map<String, ArrayDeque<Waiting<W>>> waitingByFirm = new LinkedHashMap<>();
    private final Map<String, Integer> insideByFirm = new java.util.HashMap<>();
    private int inFlight;
    private int queued;
    private double serviceNanos = FIRST_GUESS_NANOS;

    AdmissionQueue(int maxInFlight, int maxPerFirm, int maxQueued, long maxWaitNanos) {
        this.maxInFlight = maxInFlight;
        this.maxPerFirm = maxPerFirm;
        this.maxQueued = maxQueued;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** A booking of {@code firm} ("" when the token names none) arrives at {@code now}. */
    synchronized Arrival arrive(String firm, W waiter, long now) {
        int inside = insideByFirm.getOrDefault(firm, 0);
        if (!firm.isEmpty() && inside >= maxPerFirm) {
            return Arrival.FIRM_AT_ITS_SHARE;
        }
        if (inFlight < maxInFlight && queued == 0) {
            inFlight++;
            insideByFirm.put(firm, inside + 1);
            return Arrival.ENTERED;
        }
        if (queued >= maxQueued || expectedWaitNanos(queued + 1) > maxWaitNanos) {
            return Arrival.WAIT_TOO_LONG;
        }
        waitingByFirm.computeIfAbsent(firm, f -> new ArrayDeque<>()).addLast(new Waiting<>(waiter, now));
        queued++;
        insideByFirm.put(firm, inside + 1);
        return Arrival.QUEUED;
    }

    /**
     * A running booking of {@code firm} that took {@code tookNanos} ended at {@code now}; answers the next
     * one whose turn it is (already counted as running), or null. An expired turn is answered at once and
     * then left with {@code tookNanos} negative (it was not served, so it tells nothing of the pace).
     */
    synchronized Turn<W> leave(String firm, long tookNanos, long now) {
        inFlight--;
        out(firm);
        if (tookNanos >= 0) {
            serviceNanos += WEIGHT * (tookNanos - serviceNanos);
        }
        return next(now);
    }

    /** A waiting booking whose client went away: it leaves the line; false if its turn had already come. */
    synchronized boolean withdraw(String firm, W waiter) {
        ArrayDeque<Waiting<W>> line = waitingByFirm.get(firm);
        if (line == null) {
            return false;
        }
        for (Iterator<Waiting<W>> it = line.iterator(); it.hasNext(); ) {
            if (it.next().waiter() == waiter) {
                it.remove();
                queued--;
                out(firm);
                if (line.isEmpty()) {
                    waitingByFirm.remove(firm);
                }
                return true;
            }
        }
        return false;
    }

    private Turn<W> next(long now) {
        if (queued == 0 || inFlight >= maxInFlight) {
            return null;
        }
        // The firm first in turn goes to the back of the round once it has sent one.
        Iterator<Map.Entry<String, ArrayDeque<Waiting<W>>>> firms = waitingByFirm.entrySet().iterator();
        Map.Entry<String, ArrayDeque<Waiting<W>>> first = firms.next();
        String firm = first.getKey();
        ArrayDeque<Waiting<W>> line = first.getValue();
        Waiting<W> waiting = line.pollFirst();
        firms.remove();
        if (!line.isEmpty()) {
            waitingByFirm.put(firm, line);
        }
        queued--;
        inFlight++;
        return new Turn<>(waiting.waiter(), firm, now - waiting.since() > LATE_TURN * maxWaitNanos);
    }

    private void out(String firm) {
        insideByFirm.computeIfPresent(firm, (f, n) -> n <= 1 ? null : n - 1);
    }

    /** How long the {@code position}-th booking in line is expected to wait for a place. */
    long expectedWaitNanos(int position) {
        return (long) (position * serviceNanos / maxInFlight);
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return queued;
    }
}
