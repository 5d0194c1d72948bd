package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.util.List;

/** Who changed a gate's configuration, when, and from what to what. */
@Path("/api/v1/audit/gates/{code}")
@Tag(name = "Audit")
public class GateAuditResource {

    private final GateCatalog catalog;
    private final GateChangeRepository changes;
    private final Caller caller;

    public GateAuditResource(GateCatalog catalog, GateChangeRepository changes, Caller caller) {
        this.catalog = catalog;
        this.changes = changes;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(operationId = "gateChanges", summary = "A gate's configuration changes, oldest first",
            description = "Each change: who (subject and role), when, and the gate before and after. Auditors and "
                    + "admins read every gate's; a province admin its provinces' gates' (403 otherwise).")
    public Uni<List<GateChangeRepository.GateChange>> list(@PathParam("code") String code) {
        return catalog.require(code).chain(gate -> {
            if (!caller.is(Roles.AUDITOR)) {
                GateOnboarding.requireAdministers(caller, gate);
            }
            return changes.of(code);
        });
    }
}
