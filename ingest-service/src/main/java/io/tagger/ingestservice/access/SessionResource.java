package io.tagger.ingestservice.access;

import io.tagger.access.ApiKeys;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * The web page's sign-in: {@code POST /session} with {@code {"key": "..."}} checks the key and
 * answers a cookie holding an opaque session token ({@link SessionStore}; never the key) that the
 * page's scripts cannot read (HttpOnly), that no other site's page can make the browser send
 * (SameSite=Strict), and that only travels over TLS when the page does. A wrong key counts
 * against the client address like any failed authentication. {@code DELETE /session} signs out
 * (anyone may: it ends the session the cookie names, if any, and clears the cookie).
 */
@Path("/session")
public class SessionResource {
    @Inject
    AccessControl access;

    @Inject
    AccessRoute route;

    public record SignIn(String key) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignIn body, @Context HttpHeaders headers, @Context RoutingContext ctx) {
        Optional<ApiKeys.Principal> who = body == null ? Optional.empty() : access.guard().keys().authenticate(body.key());
        long now = System.currentTimeMillis();
        if (who.isEmpty()) {
            String address = ClientAddress.of(ctx.request());
            route.failedAuthentication(address, now);
            access.refusals().refused(address, "refused a sign-in from " + address + ": the API key is not valid", now);
            return Response.status(401).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "the API key is not valid")).build();
        }
        String token = access.sessions().open(body.key(), now);
        return Response.noContent().header("Set-Cookie", cookie(token, (int) (access.sessions().lifetimeMillis() / 1000), headers)).build();
    }

    @DELETE
    public Response signOut(@Context HttpHeaders headers) {
        jakarta.ws.rs.core.Cookie c = headers.getCookies().get(AccessRoute.COOKIE);
        if (c != null) {
            access.sessions().close(c.getValue());
        }
        return Response.noContent().header("Set-Cookie", cookie("", 0, headers)).build();
    }

    private static String cookie(String value, int maxAge, HttpHeaders headers) {
        boolean tls = "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
        return AccessRoute.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }
}
