package vn.bordergate.slot;

import org.junit.jupiter.api.Test;
import vn.bordergate.gate.Direction;
import vn.bordergate.live.LiveEvent;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes an instance forget that a slot is full: its memory running out, or anything that may free a place. */
class FullSlotsTest {

    static final LedgerKey HUU_NGHI = new LedgerKey("HUU_NGHI", LocalDate.of(2026, 12, 5));
    static final LedgerKey TAN_THANH = new LedgerKey("TAN_THANH", LocalDate.of(2026, 12, 5));
    static final String NINE = Direction.EXPORT.name() + ":0900";

    static FullSlots remembering(long seconds) {
        return new FullSlots(seconds * 1_000_000_000L, null);
    }

    static LiveEvent event(String gate, String type) {
        return new LiveEvent(1, UUID.randomUUID(), gate, type, "BOOKED", "CANCELLED", null, OffsetDateTime.now());
    }

    @Test
    void aSlotFoundFullIsKnownFullOnlyThere() {
        FullSlots full = remembering(60);
        full.heardFull(HUU_NGHI, NINE, System.nanoTime());
        assertTrue(full.knownFull(HUU_NGHI, NINE));
        assertFalse(full.knownFull(HUU_NGHI, Direction.IMPORT.name() + ":0900"), "the other direction has its own places");
        assertFalse(full.knownFull(TAN_THANH, NINE), "another gate has its own places");
    }

    @Test
    void theMemoryRunsOut() {
        FullSlots none = remembering(0);
        none.heardFull(HUU_NGHI, NINE, System.nanoTime());
        assertFalse(none.knownFull(HUU_NGHI, NINE));
    }

    @Test
    void aChangeToTheLedgerOnThisInstanceForgetsItsSlots() {
        FullSlots full = remembering(60);
        full.heardFull(HUU_NGHI, NINE, System.nanoTime());
        full.heardFull(TAN_THANH, NINE, System.nanoTime());
        full.forget(HUU_NGHI);
        assertFalse(full.knownFull(HUU_NGHI, NINE));
        assertTrue(full.knownFull(TAN_THANH, NINE));
    }

    @Test
    void anEventThatMayFreeAPlaceAtTheGateForgetsItsSlotsAndOthersDoNot() {
        FullSlots full = remembering(60);
        full.heardFull(HUU_NGHI, NINE, System.nanoTime());
        full.heardFull(TAN_THANH, NINE, System.nanoTime());
        full.heard(event("HUU_NGHI", "DECLARED"));
        full.heard(event("HUU_NGHI", "CHECKED_IN"));
        assertTrue(full.knownFull(HUU_NGHI, NINE), "a booking or a check-in frees no place");
        full.heard(event("HUU_NGHI", "CANCELLED"));
        assertFalse(full.knownFull(HUU_NGHI, NINE), "a cancellation on any instance may have freed one");
        assertTrue(full.knownFull(TAN_THANH, NINE));
        full.heard(event("TAN_THANH", "SLOT_MOVED"));
        assertFalse(full.knownFull(TAN_THANH, NINE));
    }

    @Test
    void aFullAnswerOfAClaimSentBeforeAGiveBackLandedIsNotRemembered() {
        FullSlots full = remembering(60);
        long sentBefore = System.nanoTime();
        full.forget(HUU_NGHI); // a give-back landed after that claim was sent: its "full" may be stale
        full.heardFull(HUU_NGHI, NINE, sentBefore);
        assertFalse(full.knownFull(HUU_NGHI, NINE), "a place given back meanwhile is offered again");
        assertFalse(full.sentAfterLastChange(HUU_NGHI, sentBefore), "the booking told 'full' asks once more");

        full.heardFull(HUU_NGHI, NINE, System.nanoTime());
        assertTrue(full.knownFull(HUU_NGHI, NINE), "a claim sent after the give-back was decided after it");
    }

    @Test
    void aFullAnswerOfAClaimSentBeforeAnEventThatMayFreeAPlaceIsNotRemembered() {
        FullSlots full = remembering(60);
        long sentBefore = System.nanoTime();
        full.heard(event("HUU_NGHI", "CANCELLED"));
        full.heardFull(HUU_NGHI, NINE, sentBefore);
        assertFalse(full.knownFull(HUU_NGHI, NINE));
    }
}
