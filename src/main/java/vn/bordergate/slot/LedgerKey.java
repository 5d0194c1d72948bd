package vn.bordergate.slot;

import vn.bordergate.gate.Direction;

import java.time.LocalDate;
import java.util.List;

/**
 * Names the Redis keys of one gate-day ledger. The hash tag {@code {GATE:DAY}} keeps all of them in one
 * Redis Cluster slot, so every script touching a ledger runs on one node.
 */
public record LedgerKey(String gateCode, LocalDate day) {

    String key(String part) {
        return "bg:{" + gateCode + ":" + day + "}:" + part;
    }

    String epoch() {
        return key("epoch");
    }

    /** Every key of this ledger, in the order the ledger scripts take them (claim.lua's and load.lua's KEYS). */
    public List<String> all() {
        return List.of(epoch(), key("capacity"), key("used"), key("firm"), key("plate"), key("queue"));
    }

    /** Name of the Redis key holding this ledger's epoch ({@code <epoch>@<run_id>}, see ledger-epoch.lua). */
    public String epochKey() {
        return epoch();
    }

    /** Name of the Redis hash of places per slot field ({@link #slotField}) in this ledger. */
    public String capacityKey() {
        return key("capacity");
    }

    /** Name of the PostgreSQL advisory lock guarding this gate-day. */
    public String lockName() {
        return gateCode + ":" + day;
    }

    public static String slotField(Direction direction, Slot slot) {
        return direction.name() + ":" + slot.ledgerField();
    }
}
