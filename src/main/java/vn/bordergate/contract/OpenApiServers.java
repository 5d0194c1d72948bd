package vn.bordergate.contract;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.List;

/**
 * The served document names the server this deployment is reached at ({@code BORDERGATE_API_URL}, read when
 * the service starts, not when it was built), so a generated client points at the right place.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenApiServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        OpenApiContract.servers(openAPI, ConfigProvider.getConfig()
                .getOptionalValue("bordergate.api.public-url", String.class).orElse(OpenApiContract.DEFAULT_SERVER));
    }
}
