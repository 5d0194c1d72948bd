package vn.bordergate.slot;

import vn.bordergate.gate.Direction;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What one declaration holds in a gate-day ledger: a place in a slot of its direction, a unit of its firm's
 * daily quota, and its truck's day (a truck books once a day).
 *
 * @param slot the slot whose place is claimed or given back; null leaves the place as it is
 */
public record Holding(UUID declarationId, Direction direction, Slot slot, String taxCode, String plateKey) {

    /** The parts of a holding that a release gives back. */
    public enum Part {
        PLACE, QUOTA_UNIT, TRUCK_DAY;

        public static Set<Part> all() {
            return EnumSet.allOf(Part.class);
        }

        /** The parts named by the flags, e.g. what an amendment moved. */
        public static Set<Part> of(boolean place, boolean quotaUnit, boolean truckDay) {
            Set<Part> parts = EnumSet.noneOf(Part.class);
            if (place) {
                parts.add(PLACE);
            }
            if (quotaUnit) {
                parts.add(QUOTA_UNIT);
            }
            if (truckDay) {
                parts.add(TRUCK_DAY);
            }
            return parts;
        }
    }
}
