package io.tagger.ingestservice.access;

import io.tagger.access.ApiKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * The web page's sign-in: {@code POST /session} with {@code {"key": "..."}} checks the key and
 * keeps it in a cookie the page's scripts cannot read (HttpOnly), that no other site's page can
 * make the browser send (SameSite=Strict), and that only travels over TLS when the page does;
 * {@code DELETE /session} signs out.
 */
@Path("/session")
public class SessionResource {
    private static final Logger LOG = Logger.getLogger(SessionResource.class);
    private static final int EIGHT_HOURS = 8 * 3600;

    @Inject
    AccessControl access;

    public record SignIn(String key) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignIn body, @Context HttpHeaders headers) {
        Optional<ApiKeys.Principal> who = body == null ? Optional.empty() : access.guard().keys().authenticate(body.key());
        if (who.isEmpty()) {
            LOG.warn("refused a sign-in: the API key is not valid");
            return Response.status(401).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "the API key is not valid")).build();
        }
        return Response.noContent().header("Set-Cookie", cookie(body.key(), EIGHT_HOURS, headers)).build();
    }

    @DELETE
    public Response signOut(@Context HttpHeaders headers) {
        return Response.noContent().header("Set-Cookie", cookie("", 0, headers)).build();
    }

    private static String cookie(String value, int maxAge, HttpHeaders headers) {
        boolean tls = "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
        return AccessRoute.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }
}
