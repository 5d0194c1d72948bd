package vn.bordergate.slot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Rules and limits of slot admission ({@code bordergate.admission.*}). */
@ConfigMapping(prefix = "bordergate.admission")
public interface AdmissionConfig {

    /** Bookings one firm may hold per gate and day, against slot hoarding. */
    @WithDefault("300")
    int firmDailyQuota();

    /** Per-gate overrides of {@link #firmDailyQuota()}, by gate code. */
    Map<String, Integer> firmDailyQuotaByGate();

    /**
     * How long Redis may take to answer an admission call, counted from the moment the call is sent (waiting
     * for a pooled connection does not count). A Redis paused for a moment is waited for: only a slower one is
     * refused 503 + Retry-After, with the claim given back (or withdrawn, if it has not landed yet); an
     * unreachable Redis hands the decision to PostgreSQL. Short enough that a booking is answered well within
     * the 10 s client timeout firms are told to use (README), long enough that a busy instance is not taken
     * for a slow Redis.
     */
    @WithDefault("PT3S")
    Duration redisTimeout();

    /** How long a booking may wait for the gate-day lock when Redis is down, before a 503. */
    @WithDefault("PT2S")
    Duration fallbackLockTimeout();

    /**
     * Bookings one instance works on at once; more wait their turn (see {@link #maxQueueWait()}). Enough
     * to keep PostgreSQL's writers and Redis busy (about 16 writes in flight keep the disk busy), few enough
     * that each running booking keeps its share of the CPU.
     */
    @WithDefault("128")
    int maxBookingsInFlight();

    /**
     * Of the bookings inside an instance, running or waiting, how many one firm may hold, so that one firm's
     * burst (or slow client) cannot take every place from the others: more get 429 at once.
     */
    @WithDefault("32")
    int maxBookingsInFlightPerFirm();

    /**
     * The longest a booking is expected to wait for its turn: one whose expected wait (from the pace of the
     * latest bookings) is longer gets 429 + Retry-After at once (and one still waiting after three times
     * this, as the estimate was then badly wrong). With Redis's {@link #redisTimeout()} and a write, a booking is answered within about 3 s even at
     * the worst; firms are told to give a booking 10 s before they retry it (README).
     */
    @WithDefault("PT1S")
    Duration maxQueueWait();

    /** A hard bound on the bookings waiting their turn, whatever the pace: memory, not latency. */
    @WithDefault("4096")
    int maxQueued();

    /**
     * How long a booking's body may take to arrive once its headers have. A client trickling its body
     * would otherwise hold a place among the bookings in flight for as long as it likes: 408 instead.
     */
    @WithDefault("PT5S")
    Duration bodyTimeout();

    /**
     * How long this instance remembers that a slot is full, answering bookings for it with 409 slot-full
     * without a claim or PostgreSQL, so they give their place among the bookings in flight back within
     * milliseconds. A place freed meanwhile on another instance is offered again when its event arrives, and
     * at the latest after this long ({@code 0S} disables the memory).
     */
    @WithDefault("PT1S")
    Duration fullSlotMemory();

    /**
     * Booking writes PostgreSQL works on at once before new ones are grouped: a write that finds all of them
     * busy waits for the next free one and goes with the others waiting, in one transaction (see
     * {@code GroupCommit}). At low load every write goes alone, at once. {@code 0} writes every booking alone.
     */
    @WithDefault("4")
    int bookingWriters();

    /** The most bookings written in one group. */
    @WithDefault("32")
    int bookingWriteBatch();

    /** Retry-After seconds sent with 429 and 503 refusals. */
    @WithDefault("2")
    int retryAfterSeconds();

    /** How often Redis ledgers are checked against PostgreSQL's epochs ({@code off} disables it). */
    @WithDefault("60s")
    String reconcileEvery();

    default int firmQuota(String gateCode) {
        return firmDailyQuotaByGate().getOrDefault(gateCode, firmDailyQuota());
    }
}
