package vn.bordergate.inspection;

/** An agency officer's decision on a called truck, with an optional note. */
public record InspectionRequest(Decision decision, String note) {

    /** CLEARED lets the truck go as far as this agency is concerned; HOLD keeps it; REJECTED turns it back. */
    public enum Decision {
        CLEARED, HOLD, REJECTED
    }
}
