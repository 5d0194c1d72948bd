package vn.bordergate.onboarding;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;
import vn.bordergate.gate.Province;
import vn.bordergate.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** The provinces whose gates the platform serves: a new one is added by an admin, then its gates. */
@Path("/api/v1/provinces")
@Tag(name = "Gates")
public class ProvinceResource {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    @Schema(description = "A province: its code is what gates and province admins' tokens name")
    public record ProvinceView(@Schema(example = "LAO_CAI") String code, @Schema(example = "Lào Cai") String name) {
    }

    @GET
    @PermitAll
    @Operation(operationId = "listProvinces", summary = "List the provinces")
    public Uni<List<ProvinceView>> list() {
        return Panache.withSession(() -> Province.<Province>listAll())
                .map(all -> all.stream().map(p -> new ProvinceView(p.code, p.name))
                        .sorted((a, b) -> a.code().compareTo(b.code())).toList());
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createProvince", summary = "Add a province (admin only)",
            description = "Body: {\"code\": \"CAO_BANG\", \"name\": \"Cao Bằng\"}. 409 province-exists when the code is taken.")
    @APIResponse(responseCode = "201", description = "The province as added; Location is its address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProvinceView.class)))
    public Uni<Response> create(ProvinceView request) {
        if (request == null || request.code() == null || !CODE.matcher(request.code()).matches()) {
            throw Problems.invalidField("code", "is required: capitals, digits or _, e.g. CAO_BANG");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw Problems.invalidField("name", "is required: 1 to 100 characters");
        }
        return Panache.withTransaction(() -> Province.<Province>findById(request.code()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ProblemException(409, "province-exists", "Province exists",
                        "a province with code " + request.code() + " exists"));
            }
            Province province = new Province();
            province.code = request.code();
            province.name = request.name().strip();
            return province.persist();
        })).map(saved -> Response.created(URI.create("/api/v1/provinces/" + request.code()))
                .entity(new ProvinceView(request.code(), request.name().strip())).build());
    }
}
