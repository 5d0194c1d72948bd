package vn.bordergate.common;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Times written the way the API always writes them: seconds included, offset of the gate's zone. */
public final class Times {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private Times() {
    }

    public static String iso(OffsetDateTime time) {
        return time.format(ISO);
    }
}
