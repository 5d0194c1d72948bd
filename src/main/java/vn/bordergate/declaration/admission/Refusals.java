package vn.bordergate.declaration.admission;

import io.vertx.pgclient.PgException;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.idempotency.DeclarationIds;
import vn.bordergate.gate.Gate;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;

/**
 * The refusals an admission answers besides "slot full" ({@link SlotFullAnswers}), and how a failed write
 * is recognised: one place for bookings, their PostgreSQL-only decision and amendments alike.
 */
public final class Refusals {

    private Refusals() {
    }

    public static ProblemException quotaExceeded(Gate gate, Declaration draft, int quota) {
        return Problems.conflict("quota-exceeded", "Daily quota exceeded",
                "firm " + draft.taxCode() + " already holds " + quota + " bookings at " + gate.code + " on "
                        + draft.slot().day() + ", the most one firm may hold per gate and day");
    }

    public static ProblemException vehicleAlreadyBooked(Declaration draft) {
        return Problems.conflict("vehicle-already-booked", "Vehicle already booked",
                "truck " + draft.vehicle().plate() + " already has an active booking on " + draft.slot().day()
                        + "; amend or cancel that booking instead");
    }

    public static boolean isSlotFull(Throwable e) {
        return e instanceof ProblemException p && "slot-full".equals(p.type());
    }

    /** The row of this very declaration exists already: a twin request with the same key and body wrote it. */
    public static boolean isSameDeclarationWritten(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && DeclarationIds.isPrimaryKey(pg.getConstraint());
    }

    public static boolean isPlateTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "declarations_one_active_per_plate_day".equals(pg.getConstraint());
    }
}
