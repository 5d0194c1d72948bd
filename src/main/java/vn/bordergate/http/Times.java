package vn.bordergate.http;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times written the way the API always writes them (seconds included, offset of the gate's zone), and
 * dates and times read from clients only within years this API can work with.
 */
public final class Times {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /**
     * The years a client's date or time may name: wider than any booking, report or archive, and far
     * inside what date arithmetic and PostgreSQL handle, so year +999999999 is a 400, never an overflow.
     */
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2999;

    private Times() {
    }

    public static String iso(OffsetDateTime time) {
        return time.format(ISO);
    }

    /** Why a client's time cannot be taken at all, before any work on it; empty when it can. */
    public static Optional<FieldError> outOfRange(String field, OffsetDateTime time) {
        if (time == null || (time.getYear() >= FIRST_YEAR && time.getYear() <= LAST_YEAR)) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(field, "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR));
    }

    /** A date from a query parameter (YYYY-MM-DD), refused with 400 naming the parameter when malformed or out of range. */
    public static LocalDate date(String field, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField(field, "must be a date like 2026-11-29");
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw Problems.invalidField(field, "must be a date in the years " + FIRST_YEAR + " to " + LAST_YEAR);
        }
        return date;
    }
}
