package vn.bordergate.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.bordergate.http.ProblemException;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, read from the verified JWT: role, and the scope that limits what they may see. This is the one
 * place the API maps a token's claims to what a caller may do, whoever issued the token (the configured key's
 * issuer or the province's identity provider, {@link ProviderKeys}); the claims a provider must put on its tokens
 * are {@code groups} (roles), {@code tax_code}, {@code phone}, {@code gates} and {@code provinces}.
 */
@RequestScoped
public class Caller {

    /** No token: anonymous, no role, no claims. */
    private static final JsonObject NO_CLAIMS = new JsonObject();

    private final SecurityIdentity identity;
    private JsonObject ownClaims;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The verified bearer token, as the identity carries it ({@link VerifiedTokenCache}); null when anonymous.
     * Taken from the identity rather than injected: an injected JsonWebToken is the OIDC extension's, which
     * knows only the tokens it verified itself.
     */
    public JsonWebToken token() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
    }

    /**
     * This API's own claims ({@code tax_code}, {@code phone}, {@code gates}), read once per request from
     * the verified token's payload. {@code JsonWebToken.getClaim} looks every name up among the standard
     * claims first and pays for an exception (with its stack trace) on each custom one.
     */
    private JsonObject ownClaims() {
        if (ownClaims == null) {
            JsonWebToken jwt = token();
            ownClaims = jwt == null ? NO_CLAIMS : VerifiedTokenCache.payload(jwt);
        }
        return ownClaims;
    }

    public String subject() {
        JsonWebToken jwt = token();
        return jwt == null ? null : jwt.getSubject();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** A firm or a driver, and no staff role: sees who decided only as an agency, never as a person. */
    public boolean isTradeParty() {
        return Roles.TRADE.stream().anyMatch(this::is)
                && Roles.ALL.stream().filter(role -> !Roles.TRADE.contains(role)).noneMatch(this::is);
    }

    /** The first role of the token that this API knows; recorded as the actor's role in audit events. */
    public String role() {
        return Roles.ALL.stream().filter(this::is).findFirst().orElse("unknown");
    }

    /** The firm's tax code ({@code tax_code} claim); present on enterprise tokens. */
    public String taxCode() {
        return ownClaims().getValue("tax_code") instanceof String taxCode ? taxCode : null;
    }

    /** The driver's phone ({@code phone} claim), compared in canonical E.164 form. */
    public String phone() {
        return ownClaims().getValue("phone") instanceof String phone ? phone : null;
    }

    /** Gate codes an officer works at ({@code gates} claim). */
    public Set<String> gates() {
        return codes("gates");
    }

    /** Province codes a province admin administers ({@code provinces} claim). */
    public Set<String> provinces() {
        return codes("provinces");
    }

    /** Whether the caller may administer gates of that province: an admin any, a province admin its own. */
    public boolean administers(String provinceCode) {
        return is(Roles.ADMIN) || (is(Roles.PROVINCE_ADMIN) && provinces().contains(provinceCode));
    }

    /** Whether the caller keeps the fee accounts of that province: an admin any, a finance officer its own. */
    public boolean financesProvince(String provinceCode) {
        return is(Roles.ADMIN) || (is(Roles.FINANCE_OFFICER) && provinces().contains(provinceCode));
    }

    /** Refuses (403) a caller who may not administer that province (its gates, its fee schedules). */
    public void requireAdministers(String provinceCode) {
        if (!administers(provinceCode)) {
            throw notYourProvince(provinceCode);
        }
    }

    /** Refuses (403) a caller who does not keep that province's fee accounts. */
    public void requireFinances(String provinceCode) {
        if (!financesProvince(provinceCode)) {
            throw notYourProvince(provinceCode);
        }
    }

    private static ProblemException notYourProvince(String provinceCode) {
        return new ProblemException(403, "forbidden", "Not your province",
                "your token's provinces claim does not include " + provinceCode);
    }

    /**
     * A claim holding codes: a JSON array, or one string of comma-separated codes. Its shape was checked
     * when the token was verified ({@link ClaimShapes}); a code named twice is one code.
     */
    private Set<String> codes(String name) {
        Object claim = ownClaims().getValue(name);
        if (claim instanceof JsonArray values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof String single) {
            return Arrays.stream(single.split(",")).map(String::trim).filter(code -> !code.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    public boolean worksAt(String gateCode) {
        return is(Roles.ADMIN) || is(Roles.AUDITOR) || gates().contains(gateCode);
    }

    /** Refuses (403) an officer acting at a gate their token's {@code gates} claim does not name. */
    public void requireGate(String gateCode) {
        if (!worksAt(gateCode)) {
            throw new ProblemException(403, "forbidden", "Not your gate",
                    "your token's gates claim does not include " + gateCode);
        }
    }
}
