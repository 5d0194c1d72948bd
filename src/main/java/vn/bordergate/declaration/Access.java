package vn.bordergate.declaration;

import vn.bordergate.http.ProblemException;
import vn.bordergate.declaration.validation.PhoneNumber;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.List;

/**
 * Object-level authorisation of declarations: a firm sees its own, a driver those they drive, an officer
 * those of their gates, admins and auditors all. Anything else is answered as if it did not exist.
 */
public final class Access {

    private Access() {
    }

    public static boolean canRead(Caller caller, Declaration d) {
        if (caller.is(Roles.ADMIN) || caller.is(Roles.AUDITOR)) {
            return true;
        }
        if (caller.is(Roles.ENTERPRISE) && d.taxCode().equals(caller.taxCode())) {
            return true;
        }
        if (caller.is(Roles.DRIVER) && d.driverPhone().equals(driverPhone(caller))) {
            return true;
        }
        return Roles.GATE_SCOPED.stream().anyMatch(caller::is) && caller.gates().contains(d.gateCode());
    }

    /** Only the declaring firm changes its declarations. */
    public static boolean canChange(Caller caller, Declaration d) {
        return caller.is(Roles.ENTERPRISE) && d.taxCode().equals(caller.taxCode());
    }

    /**
     * What a listing may show the caller: one firm's declarations, one driver's, those of some gates, or
     * (all fields null) everything.
     */
    record Visible(String taxCode, String driverPhone, List<String> gates) {
        static final Visible EVERYTHING = new Visible(null, null, null);
    }

    public static Visible scope(Caller caller) {
        if (caller.is(Roles.ADMIN) || caller.is(Roles.AUDITOR)) {
            return Visible.EVERYTHING;
        }
        if (caller.is(Roles.ENTERPRISE)) {
            return new Visible(requireTaxCode(caller), null, null);
        }
        if (caller.is(Roles.DRIVER)) {
            return new Visible(null, driverPhone(caller), null);
        }
        if (Roles.GATE_SCOPED.stream().anyMatch(caller::is)) {
            return new Visible(null, null, List.copyOf(caller.gates()));
        }
        throw forbidden("your role may not list declarations");
    }

    public static String requireTaxCode(Caller caller) {
        String taxCode = caller.taxCode();
        if (taxCode == null || taxCode.isBlank()) {
            throw forbidden("an enterprise token must carry the firm's tax_code claim");
        }
        return taxCode;
    }

    private static String driverPhone(Caller caller) {
        return caller.phone() == null ? "" : PhoneNumber.canonical(caller.phone()).orElse("");
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Not allowed for your role", detail);
    }
}
