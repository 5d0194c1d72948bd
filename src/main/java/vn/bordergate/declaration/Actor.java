package vn.bordergate.declaration;

import vn.bordergate.security.Caller;

/** Who made a change, as the audit trail records it: a token's subject and role, or the system itself. */
public record Actor(String subject, String role) {

    /** Scheduled work such as the no-show sweep and call deadlines. */
    public static final Actor SYSTEM = new Actor("system", "system");

    public static Actor of(Caller caller) {
        return new Actor(caller.subject(), caller.role());
    }
}
