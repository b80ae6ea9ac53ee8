package io.tagger.ingestservice.access;

import io.tagger.access.RequestGuard;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;
import java.util.Optional;

/** Every API request passes {@link RequestGuard}; refusals are answered 401/403/429 and logged (never the key). */
public class AccessFilter {
    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    /** The request property that carries the caller's key name to the resources. */
    public static final String KEY_NAME = "tagger.key-name";

    @Inject
    AccessControl access;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext ctx, HttpServerRequest http) {
        String path = ctx.getUriInfo().getPath();
        RequestGuard.Decision d = access.guard().check(ctx.getMethod(), path, ctx.getHeaderString("Authorization"),
                ctx.getHeaderString("X-Api-Key"));
        if (d.allowed()) {
            if (d.keyName() != null) {
                ctx.setProperty(KEY_NAME, d.keyName());
            }
            return Optional.empty();
        }
        LOG.warnf("refused %s %s from %s: %d %s", ctx.getMethod(), path, http.remoteAddress(), d.status(), d.error());
        Response.ResponseBuilder r = Response.status(d.status()).type(MediaType.APPLICATION_JSON).entity(Map.of("error", d.error()));
        d.headers().forEach(r::header);
        return Optional.of(r.build());
    }
}
