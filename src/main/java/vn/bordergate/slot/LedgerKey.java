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

    List<String> all() {
        return List.of(epoch(), key("capacity"), key("used"), key("firm"), key("plate"), key("queue"));
    }

    /** Name of the PostgreSQL advisory lock guarding this gate-day. */
    public String lockName() {
        return gateCode + ":" + day;
    }

    public static String slotField(Direction direction, Slot slot) {
        return direction.name() + ":" + slot.ledgerField();
    }
}
