package vn.bordergate.declaration;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a declaration is in its lifecycle (DESIGN.md §3), and the one table of which status may follow
 * which. Every change of status in the service goes through {@link #canBecome}.
 */
public enum DeclarationStatus {
    BOOKED, CHECKED_IN, CALLED, RELEASED, EXITED, CANCELLED, NO_SHOW, REJECTED;

    private static final Map<DeclarationStatus, Set<DeclarationStatus>> NEXT = new EnumMap<>(DeclarationStatus.class);

    static {
        NEXT.put(BOOKED, EnumSet.of(CHECKED_IN, CANCELLED, NO_SHOW));
        NEXT.put(CHECKED_IN, EnumSet.of(CALLED));
        // Back to CHECKED_IN: a called truck that missed its deadline returns to the queue once.
        NEXT.put(CALLED, EnumSet.of(CHECKED_IN, RELEASED, REJECTED, NO_SHOW));
        NEXT.put(RELEASED, EnumSet.of(EXITED));
        for (DeclarationStatus end : EnumSet.of(EXITED, CANCELLED, NO_SHOW, REJECTED)) {
            NEXT.put(end, EnumSet.noneOf(DeclarationStatus.class));
        }
    }

    public boolean canBecome(DeclarationStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Statuses that use a place in their slot: the crossing happened or may still happen. */
    public static final Set<DeclarationStatus> HOLDING_PLACE = EnumSet.of(BOOKED, CHECKED_IN, CALLED, RELEASED, EXITED);

    /** Statuses in which the truck is still on its way through: it may not be booked again that day. */
    public static final Set<DeclarationStatus> HOLDING_TRUCK = EnumSet.of(BOOKED, CHECKED_IN, CALLED);

    public boolean holdsPlace() {
        return HOLDING_PLACE.contains(this);
    }

    /** Only a booking not yet checked in may be amended or cancelled by the firm. */
    public boolean amendable() {
        return this == BOOKED;
    }

    public static String[] names(Set<DeclarationStatus> statuses) {
        List<String> names = statuses.stream().map(Enum::name).toList();
        return names.toArray(String[]::new);
    }
}
