package vn.bordergate.slot;

import java.util.Map;

/** A consistent read of a gate-day ledger: capacity and places used per slot field. */
public record LedgerState(String epoch, Map<String, Integer> capacity, Map<String, Integer> used) {

    public int capacity(String slotField) {
        return capacity.getOrDefault(slotField, 0);
    }

    public int used(String slotField) {
        return used.getOrDefault(slotField, 0);
    }

    public int available(String slotField) {
        return Math.max(0, capacity(slotField) - used(slotField));
    }
}
