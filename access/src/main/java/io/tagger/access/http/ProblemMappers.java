package io.tagger.access.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.tagger.access.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Problem details for the REST resources' failures, shared by both services: a role that does not
 * allow the request ({@code @RolesAllowed}: 403, logged like every refusal), the framework's own
 * refusals (404, 405, 406, 413, 415 ...) and anything unexpected (500 with an error id that the
 * log line carries too; never a stack trace, a class name or a path).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AccessSettings access;

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest req) {
        String detail = Roles.whyForbidden(identity);
        String address = ClientAddress.of(req);
        access.refusals().refused(address, "refused " + req.method() + " " + req.path() + " from " + address + ": 403 " + detail,
                System.currentTimeMillis());
        return Problem.of(Problem.Type.FORBIDDEN, detail, req.path()).response();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest req) {
        return Problem.of(Problem.Type.UNAUTHORIZED, "an API key is required (Authorization: Bearer KEY)", req.path())
                .withHeader("WWW-Authenticate", ApiKeyAuthenticationMechanism.CHALLENGE).response();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest req) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, req);
        }
        String detail = switch (status) {
            case 404 -> "nothing is served at " + req.path();
            case 405 -> req.method() + " is not allowed on " + req.path();
            case 413 -> "the upload is over the size limit";
            case 415 -> "this endpoint does not take the request's Content-Type" + (req.getHeader("Content-Type") == null
                    ? " (none was given)" : "");
            default -> null;
        };
        Problem p = Problem.ofStatus(status, detail, req.path());
        for (String h : new String[]{"Allow", "Retry-After"}) {
            String v = e.getResponse().getHeaderString(h);
            if (v != null) {
                p = p.withHeader(h, v);
            }
        }
        return p.response();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest req) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "request failed (error id %s)", id);
        return Problem.of(Problem.Type.INTERNAL, "internal error (id " + id + "); the service goes on", req.path()).response();
    }
}
