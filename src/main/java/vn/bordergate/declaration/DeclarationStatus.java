package vn.bordergate.declaration;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Where a declaration is in its lifecycle (DESIGN.md §3). */
public enum DeclarationStatus {
    BOOKED, CHECKED_IN, CALLED, RELEASED, EXITED, CANCELLED, NO_SHOW, REJECTED;

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
