package vn.bordergate.stream;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.bordergate.http.Ids;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemResponses;
import vn.bordergate.declaration.DeclarationListing;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.security.Caller;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a stream may start before it starts: once server-sent events begin, the 200 is already
 * on the wire, yet another party's declaration (or an unknown gate) must answer 404 like everywhere else.
 */
public class StreamAccessFilter {

    private static final Pattern STREAM = Pattern.compile("^/api/v1/declarations/([^/]+)/stream/?$");
    private static final Pattern BOARD = Pattern.compile("^/api/v1/gates/([^/]+)/board/stream/?$");

    private final CurrentIdentityAssociation identity;
    private final DeclarationListing declarations;
    private final GateCatalog gates;
    private final Caller caller;

    public StreamAccessFilter(CurrentIdentityAssociation identity, DeclarationListing declarations, GateCatalog gates,
                              Caller caller) {
        this.identity = identity;
        this.declarations = declarations;
        this.gates = gates;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Uni<Response> checkAccess(ContainerRequestContext request, UriInfo uri) {
        Matcher board = BOARD.matcher(uri.getPath());
        if (board.matches()) {
            return refusal(gates.require(board.group(1)), uri);
        }
        Matcher stream = STREAM.matcher(uri.getPath());
        if (!stream.matches()) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().chain(who -> {
            if (who.isAnonymous()) {
                return Uni.createFrom().nullItem(); // @Authenticated answers 401
            }
            return refusal(Uni.createFrom().item(() -> Ids.declaration(stream.group(1)))
                    .chain(id -> declarations.visible(caller, id)), uri);
        });
    }

    /** Null (go on) if the check passes, else the problem response. */
    private static Uni<Response> refusal(Uni<?> check, UriInfo uri) {
        return check.replaceWith((Response) null)
                .onFailure(ProblemException.class).recoverWithItem(e -> Response.status(((ProblemException) e).status())
                        .type(ProblemResponses.PROBLEM_JSON)
                        .entity(ProblemResponses.render((ProblemException) e, uri)).build());
    }
}
