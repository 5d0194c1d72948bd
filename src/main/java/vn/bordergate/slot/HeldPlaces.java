package vn.bordergate.slot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import vn.bordergate.gate.Gate;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the declarations of a gate-day hold, counted from PostgreSQL. The slot ledger is built from these
 * counts, but the declarations table belongs to the declaration feature above this one, so it answers.
 */
public interface HeldPlaces {

    /**
     * Everything a ledger needs from one gate-day's declarations, read on {@code conn} (the rebuild's own
     * transaction, which holds the gate-day lock, so the count sees its uncommitted changes).
     */
    Uni<GateDay> count(SqlConnection conn, Gate gate, LocalDate day);

    /** Places held per slot field ({@link LedgerKey#slotField}) of every gate-day from first to last. */
    Uni<Map<LedgerKey, Map<String, Integer>>> perSlot(LocalDate first, LocalDate last);

    /**
     * @param perSlot        places held per slot field
     * @param perFirm        places held per firm (tax code)
     * @param bookingOfTruck the booking holding each truck (plate key to declaration id)
     * @param lastQueueNumber the highest queue number given per direction
     */
    record GateDay(Map<String, Long> perSlot, Map<String, Long> perFirm, Map<String, String> bookingOfTruck,
                   Map<String, Integer> lastQueueNumber) {
    }
}
