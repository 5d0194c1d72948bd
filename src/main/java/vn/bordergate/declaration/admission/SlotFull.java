package vn.bordergate.declaration.admission;

import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.slot.SlotView;

import java.util.List;

/**
 * 409 slot-full, built by {@link SlotFullAnswers} only: the ledger (or PostgreSQL, while Redis is away)
 * refused the claim of a booking whose truck holds no place that day (the truck is checked first), or the
 * slot was known full and the ledger said the truck holds nothing. Such a refusal
 * cannot be the lost answer of a booking that succeeded, and it changed nothing, so it is neither looked up
 * nor remembered under the Idempotency-Key: a retry is decided again, and may find a place freed since.
 */
public final class SlotFull extends ProblemException {

    SlotFull(String detail, List<SlotView> alternatives) {
        super(409, "slot-full", "Slot is full", detail);
        with(ProblemMember.ALTERNATIVES, alternatives);
    }
}
