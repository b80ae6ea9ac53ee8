package io.tagger.ingestservice.access;

import io.tagger.access.ApiKeys;
import io.tagger.access.ClientAddress;
import io.tagger.access.http.AccessSettings;
import io.tagger.access.http.ApiKeyAuthenticationMechanism;
import io.tagger.access.http.Problem;
import io.tagger.access.http.ProblemDocument;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * The web page's sign-in: {@code POST /session} with {@code {"key": "..."}} checks the key and
 * answers a cookie holding an opaque session token ({@link io.tagger.access.SessionStore}; never
 * the key) that the page's scripts cannot read (HttpOnly), that no other site's page can make the
 * browser send (SameSite=Strict), and that only travels over TLS when the page does. A wrong key
 * counts against the client address like any failed authentication, and a throttled address is
 * refused before its key is looked at. {@code DELETE /session} signs out (anyone may: it ends the
 * session the cookie names, if any, and clears the cookie). Both are public: they need no key.
 */
@Path("/session")
@Tag(name = "session", description = "The web page's sign-in (a session cookie instead of a key)")
public class SessionResource {
    @Inject
    AccessSettings access;

    public record SignIn(String key) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with an API key", description = "Sets the session cookie tagger_key (HttpOnly, SameSite=Strict).")
    @APIResponse(responseCode = "204", description = "Signed in; Set-Cookie carries the session token")
    @APIResponse(responseCode = "401", description = "The key is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "429", description = "Too many failed authentications from this address (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public Response signIn(SignIn body, @Context HttpHeaders headers, @Context HttpServerRequest req) {
        long now = System.currentTimeMillis();
        String address = ClientAddress.of(req);
        Optional<Problem> throttled = access.throttled(address, req.path(), now);
        if (throttled.isPresent()) {
            access.refusals().refused(address, "refused a sign-in from " + address + ": 429 " + throttled.get().detail(), now);
            return throttled.get().response();
        }
        Optional<ApiKeys.Principal> who = body == null ? Optional.empty() : access.keys().authenticate(body.key());
        if (who.isEmpty()) {
            access.failedAuthentication(address, now);
            access.refusals().refused(address, "refused a sign-in from " + address + ": the API key is not valid", now);
            return Problem.of(Problem.Type.UNAUTHORIZED, "the API key is not valid", req.path()).response();
        }
        String token = access.sessions().open(body.key(), now);
        return Response.noContent().header("Set-Cookie", cookie(token, (int) (access.sessions().lifetimeMillis() / 1000), headers)).build();
    }

    @DELETE
    @Operation(summary = "Sign out", description = "Ends the session the cookie names, if any, and clears the cookie; needs no key.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response signOut(@Context HttpHeaders headers) {
        jakarta.ws.rs.core.Cookie c = headers.getCookies().get(ApiKeyAuthenticationMechanism.COOKIE);
        if (c != null) {
            access.sessions().close(c.getValue());
        }
        return Response.noContent().header("Set-Cookie", cookie("", 0, headers)).build();
    }

    private static String cookie(String value, int maxAge, HttpHeaders headers) {
        boolean tls = "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
        return ApiKeyAuthenticationMechanism.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (tls ? "; Secure" : "");
    }
}
