package vn.bordergate.onboarding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** A gate's border rules: read by anyone, set, previewed and ended by the province's admins. */
@Path("/api/v1/gates/{code}/rules")
@Tag(name = "Gate administration")
@Produces(MediaType.APPLICATION_JSON)
public class BorderRuleResource {

    private final BorderRules rules;
    private final Caller caller;

    BorderRuleResource(BorderRules rules, Caller caller) {
        this.rules = rules;
        this.caller = caller;
    }

    @GET
    // Public on purpose: firms plan their trucks by the rules, as by the slots.
    @PermitAll
    @Operation(operationId = "listBorderRules", summary = "The gate's border rules in force and to come",
            description = "Declaration windows (how far after the declaration a slot may lie) and category stops (cargo the "
                    + "gate does not take for a period). A declaration a rule refuses answers 409 outside-declaration-window "
                    + "or category-stopped, naming the rule (member rule) and its reason in Vietnamese and English.")
    @APIResponse(responseCode = "200", description = "The rules not yet over",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = BorderRuleView.class, maxItems = 1000)))
    public Uni<List<BorderRuleView>> list(@PathParam("code") String code) {
        return rules.of(code);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(operationId = "setBorderRule", summary = "Set a border rule for a period",
            description = "In force for new declarations at once on this instance, within 30 s on the others. A "
                    + "CATEGORY_STOP also moves the BOOKED trucks of its cargo and direction whose slot starts in its period "
                    + "to the open slot with room nearest their own outside it, as a closure does (event SLOT_MOVED with "
                    + "the rule's reason); a truck with no such slot left in the horizon is cancelled by the gate (reason "
                    + "category-stopped). movedCount and cancelledCount say how many. A DECLARATION_WINDOW moves nothing: "
                    + "trips already booked beyond it carry ruleFlags. POST .../rules/preview first says which trucks a "
                    + "rule meets. Recorded in the gate's change log (RULE_SET).")
    @APIResponse(responseCode = "201", description = "The rule; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BorderRuleView.class)))
    public Uni<Response> set(@PathParam("code") String code, BorderRuleRequest request) {
        return rules.set(caller, code, request).map(rule -> Response.created(
                URI.create("/api/v1/gates/" + code + "/rules/" + rule.id())).entity(rule).build());
    }

    @POST
    @Path("/preview")
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(operationId = "previewBorderRule", summary = "Which booked trucks a rule would meet, without setting it",
            description = "A category stop: the BOOKED trucks of its cargo with a slot in its period, which setting it "
                    + "moves (or cancels). A declaration window: "
                    + "the BOOKED trucks whose slot lies further after their declaration than it allows. At most 100 "
                    + "references are listed; bookedAffected counts them all.")
    @APIResponse(responseCode = "200", description = "What the rule would meet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BorderRules.Preview.class)))
    public Uni<BorderRules.Preview> preview(@PathParam("code") String code, BorderRuleRequest request) {
        return rules.preview(caller, code, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(operationId = "endBorderRule", summary = "End a border rule now",
            description = "Declarations it refused may be made again at once. Recorded in the gate's change log (RULE_ENDED).")
    @APIResponse(responseCode = "204", description = "Ended")
    public Uni<Response> end(@PathParam("code") String code, @PathParam("id") String id) {
        UUID rule;
        try {
            rule = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("border rule " + id + " of gate " + code);
        }
        return rules.end(caller, code, rule).map(done -> Response.noContent().build());
    }
}
