package vn.bordergate.inspection;

import vn.bordergate.declaration.CargoCategory;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The agencies that inspect a truck at the gate; an officer's agency is their token's role. */
enum Agency {
    CUSTOMS(Roles.CUSTOMS), BORDER_GUARD(Roles.BORDER_GUARD), QUARANTINE(Roles.QUARANTINE);

    private final String role;

    Agency(String role) {
        this.role = role;
    }

    public String role() {
        return role;
    }

    /** Customs and border guard always; plant and animal quarantine for living or perishable goods. */
    public static Set<Agency> requiredFor(CargoCategory category) {
        return switch (category) {
            case FRESH_FRUIT, AGRICULTURAL, FROZEN -> EnumSet.of(CUSTOMS, BORDER_GUARD, QUARANTINE);
            case GENERAL, EMPTY -> EnumSet.of(CUSTOMS, BORDER_GUARD);
        };
    }

    public static Optional<Agency> of(Caller caller) {
        for (Agency agency : values()) {
            if (caller.is(agency.role)) {
                return Optional.of(agency);
            }
        }
        return Optional.empty();
    }

    public static Agency fromRole(String role) {
        for (Agency agency : values()) {
            if (agency.role.equals(role)) {
                return agency;
            }
        }
        throw new IllegalArgumentException(role);
    }
}
