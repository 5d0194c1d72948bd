package vn.bordergate.security;

import java.util.List;

/** The roles carried in a token's {@code groups} claim (DESIGN.md §2). */
public final class Roles {

    public static final String ENTERPRISE = "enterprise";
    public static final String DRIVER = "driver";
    public static final String YARD_OFFICER = "yard-officer";
    public static final String GATE_SUPERVISOR = "gate-supervisor";
    public static final String CUSTOMS = "customs";
    public static final String BORDER_GUARD = "border-guard";
    public static final String QUARANTINE = "quarantine";
    public static final String ADMIN = "admin";
    public static final String AUDITOR = "auditor";
    /** Administers the gates of the provinces in its {@code provinces} claim, and only those. */
    public static final String PROVINCE_ADMIN = "province-admin";
    /** Reconciles the fees of the provinces in its {@code provinces} claim: cash, unmatched credits, reports. */
    public static final String FINANCE_OFFICER = "finance-officer";

    public static final List<String> ALL = List.of(ENTERPRISE, DRIVER, YARD_OFFICER, GATE_SUPERVISOR,
            CUSTOMS, BORDER_GUARD, QUARANTINE, ADMIN, PROVINCE_ADMIN, AUDITOR, FINANCE_OFFICER);

    /** The trade side of a crossing: they see agencies and decisions, not officers or internal notes. */
    public static final List<String> TRADE = List.of(ENTERPRISE, DRIVER);

    /** Officers work at specific gates and see only those named in their {@code gates} claim. */
    public static final List<String> GATE_SCOPED = List.of(YARD_OFFICER, GATE_SUPERVISOR, CUSTOMS, BORDER_GUARD, QUARANTINE);

    private Roles() {
    }
}
