package vn.bordergate.declaration;

import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;

/** Refusals of a change that the declaration's current status does not allow. */
public final class Transitions {

    private Transitions() {
    }

    public static ProblemException notAllowed(Declaration d, String verb) {
        return new ProblemException(409, "invalid-state", "Not allowed in the current status",
                "declaration " + d.reference() + " is " + d.status() + " and can no longer be " + verb)
                .with(ProblemMember.CURRENT_STATUS, d.status());
    }
}
