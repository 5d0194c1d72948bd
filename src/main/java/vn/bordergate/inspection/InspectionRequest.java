package vn.bordergate.inspection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agency officer's decision on a called truck, with an optional note. */
public record InspectionRequest(
        @Schema(required = true) Decision decision,
        @Schema(description = "Internal note, seen by officers only", maxLength = 1000) String note) {

    /** CLEARED lets the truck go as far as this agency is concerned; HOLD keeps it; REJECTED turns it back. */
    public enum Decision {
        CLEARED, HOLD, REJECTED
    }
}
