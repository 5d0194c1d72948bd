package vn.bordergate.local;

import jakarta.annotation.security.PermitAll;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Roles;

import java.util.Arrays;
import java.util.Set;

/**
 * Mints demo tokens for any role, signed with the demo key in {@code demo-keys/}. Its source and the keys
 * live in {@code src/local}, which only dev mode ({@code -Dlocal}) and the tests compile: the production
 * artifact contains neither, whatever profile it runs in, and verifies the real identity provider's tokens.
 */
@UnlessBuildProfile("prod")
// Public on purpose: read by anyone, no token (everything else needs one).
@PermitAll
@Path("/api/v1/demo/tokens")
@Tag(name = "Demo tokens (not in production)")
public class DemoTokenResource {

    private final String issuer;

    public DemoTokenResource(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "mintDemoToken", summary = "Mint a demo bearer token",
            description = "role is one of enterprise, driver, yard-officer, gate-supervisor, customs, border-guard, "
                    + "quarantine, admin, province-admin, auditor, finance-officer. taxCode applies to enterprise, phone to "
                    + "driver, gates (comma-separated gate codes) to officers, provinces (comma-separated province codes) "
                    + "to province admins and finance officers. Only outside production.")
    public String mint(@QueryParam("role") String role,
                       @QueryParam("sub") String subject,
                       @QueryParam("taxCode") @DefaultValue("0100109106") String taxCode,
                       @QueryParam("phone") @DefaultValue("+84912345678") String phone,
                       @QueryParam("gates") @DefaultValue("HUU_NGHI") String gates,
                       @QueryParam("provinces") @DefaultValue("LANG_SON") String provinces,
                       @QueryParam("ttlSeconds") @DefaultValue("28800") long ttlSeconds) {
        if (role == null || !Roles.ALL.contains(role)) {
            throw Problems.invalidField("role", "must be one of " + Roles.ALL);
        }
        // The service refuses tokens issued for more than a day (smallrye.jwt.time-to-live): never mint one.
        if (ttlSeconds < 1 || ttlSeconds > 24 * 3600) {
            throw Problems.invalidField("ttlSeconds", "must be between 1 and 86400");
        }
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(subject == null ? role + "-demo" : subject)
                .groups(Set.of(role))
                .expiresIn(ttlSeconds);
        switch (role) {
            case Roles.ENTERPRISE -> claims.claim("tax_code", taxCode);
            case Roles.DRIVER -> claims.claim("phone", phone);
            case Roles.PROVINCE_ADMIN, Roles.FINANCE_OFFICER ->
                    claims.claim("provinces", Arrays.stream(provinces.split(",")).map(String::trim).toList());
            default -> {
                if (Roles.GATE_SCOPED.contains(role)) {
                    claims.claim("gates", Arrays.stream(gates.split(",")).map(String::trim).toList());
                }
            }
        }
        return claims.sign();
    }
}
