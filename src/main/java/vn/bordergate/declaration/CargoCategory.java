package vn.bordergate.declaration;

/** Kind of cargo; decides the queue priority and which agencies must inspect. */
public enum CargoCategory {
    FRESH_FRUIT, AGRICULTURAL, FROZEN, GENERAL, EMPTY;

    /** Perishables are called to the gate before everything else (DESIGN.md §3). */
    public Priority priority() {
        return this == FRESH_FRUIT || this == FROZEN ? Priority.PERISHABLE : Priority.STANDARD;
    }
}
