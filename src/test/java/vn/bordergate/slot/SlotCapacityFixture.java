package vn.bordergate.slot;

import io.quarkus.redis.datasource.RedisDataSource;
import vn.bordergate.support.Database;

import java.time.OffsetDateTime;

/** Gives one test slot its own capacity, and makes the ledger pick it up as a capacity change would. */
final class SlotCapacityFixture {

    private SlotCapacityFixture() {
    }

    static void setCapacity(RedisDataSource redis, String gate, String direction, OffsetDateTime slot, int capacity) {
        Database.update("INSERT INTO slot_capacities (gate_code, direction, slot_start, capacity) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (gate_code, direction, slot_start) DO UPDATE SET capacity = EXCLUDED.capacity",
                gate, direction, slot, capacity);
        dropLedger(redis, gate, slot);
    }

    /** Loses the gate-day ledger, as a Redis restart would. */
    static void dropLedger(RedisDataSource redis, String gate, OffsetDateTime slot) {
        redis.key().del("bg:{" + gate + ":" + slot.toLocalDate() + "}:epoch");
    }

    static long activeRows(String gate, String direction, OffsetDateTime slot) {
        return Database.count("SELECT count(*) FROM declarations WHERE gate_code = ? AND direction = ? AND slot_start = ? "
                + "AND status IN ('BOOKED','CHECKED_IN','CALLED','RELEASED','EXITED')", gate, direction, slot);
    }
}
