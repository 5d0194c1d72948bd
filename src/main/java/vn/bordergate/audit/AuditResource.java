package vn.bordergate.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Ids;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Roles;

import java.util.UUID;

/** Tamper evidence for auditors: recomputes a declaration's event chain. */
@Path("/api/v1/audit/declarations/{id}/verify")
@Tag(name = "Audit")
public class AuditResource {

    private final AuditTrail audit;

    public AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "verifyAuditTrail", summary = "Recompute the declaration's hash-chained audit trail",
            description = "intact=false names the first broken link: an event whose content was edited, or whose "
                    + "predecessor was removed or inserted; or the declaration itself not matching its chain (its "
                    + "newest events removed, or its status changed without an event).")
    public Uni<ChainVerification> verify(@PathParam("id") String id) {
        UUID declarationId = Ids.declaration(id);
        return audit.stored(declarationId).chain(events -> audit.chainHead(declarationId).map(head -> {
            if (events.isEmpty() && head == null) {
                throw Problems.notFound("declaration " + id);
            }
            return ChainVerification.verify(declarationId, events, head);
        }));
    }
}
