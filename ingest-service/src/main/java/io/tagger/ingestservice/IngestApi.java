package io.tagger.ingestservice;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The ingest service's REST application; its OpenAPI security schemes: an API key in
 * {@code X-Api-Key} or as a bearer token, or the web page's session cookie (docs/security.md).
 */
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Api-Key", description = "An API key (./tagger keys new)")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key as a bearer token: Authorization: Bearer KEY")
@SecurityScheme(securitySchemeName = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        apiKeyName = "tagger_key", description = "The web page's session token (POST /session)")
public class IngestApi extends Application {
}
