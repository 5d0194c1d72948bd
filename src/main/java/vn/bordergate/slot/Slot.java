package vn.bordergate.slot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** One booking window at a gate, in the gate's time zone. */
public record Slot(OffsetDateTime start, OffsetDateTime end) {

    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("HHmm");

    public LocalDate day() {
        return start.toLocalDate();
    }

    /** The slot's name inside a gate-day ledger, e.g. {@code 0800}. */
    public String ledgerField() {
        return start.format(FIELD);
    }
}
