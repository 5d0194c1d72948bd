package vn.bordergate.http;

import vn.bordergate.common.Language;
import vn.bordergate.common.Texts;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/**
 * Gives problem titles in the caller's language (Accept-Language: vi or en; English by default, as firms'
 * developers read them). Done once here, after every problem+json is built, rather than at each refusal.
 */
public class ProblemLanguage {

    @ServerResponseFilter
    public void localize(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Map<?, ?> body) || !body.containsKey("type") || !body.containsKey("title")) {
            return;
        }
        Language language = Language.preferred(request.getAcceptableLanguages(), Language.EN);
        if (language == Language.EN) {
            return;
        }
        String type = String.valueOf(body.get("type"));
        String slug = type.substring(type.lastIndexOf('/') + 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> editable = (Map<String, Object>) body;
        editable.put("title", Texts.title(slug, String.valueOf(body.get("title")), language));
        response.getHeaders().putSingle("Content-Language", "vi");
    }
}
