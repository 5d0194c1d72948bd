package vn.bordergate.gate;

import vn.bordergate.http.Problems;

/** Which way the truck crosses: out of Vietnam or into it. */
public enum Direction {
    EXPORT, IMPORT;

    /** Reads a query parameter; a missing or unknown value is a 400 naming the field. */
    public static Direction parse(String value) {
        if (value == null) {
            throw Problems.invalidField("direction", "is required (EXPORT or IMPORT)");
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("direction", "must be EXPORT or IMPORT");
        }
    }
}
