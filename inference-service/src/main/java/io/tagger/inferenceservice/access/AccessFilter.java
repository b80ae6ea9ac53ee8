package io.tagger.inferenceservice.access;

import io.tagger.access.RequestGuard;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;
import java.util.Optional;

/**
 * The inference service answers tag queries only with a valid API key (reader role), from the same
 * keys file as the ingest service ({@code tagger.access.keys-file}); refusals are logged.
 */
public class AccessFilter {
    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    private final RequestGuard guard;

    public AccessFilter(@ConfigProperty(name = "tagger.access.keys-file") Optional<String> keysFile,
                        @ConfigProperty(name = "tagger.access.rate-per-minute", defaultValue = "600") int perMinute,
                        @ConfigProperty(name = "tagger.access.rate-burst", defaultValue = "120") int burst) {
        guard = RequestGuard.of(keysFile.orElse(null), perMinute, burst);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext ctx, HttpServerRequest http) {
        RequestGuard.Decision d = guard.check(ctx.getMethod(), ctx.getUriInfo().getPath(), ctx.getHeaderString("Authorization"),
                ctx.getHeaderString("X-Api-Key"));
        if (d.allowed()) {
            return Optional.empty();
        }
        LOG.warnf("refused %s %s from %s: %d %s", ctx.getMethod(), ctx.getUriInfo().getPath(), http.remoteAddress(), d.status(), d.error());
        Response.ResponseBuilder r = Response.status(d.status()).type(MediaType.APPLICATION_JSON).entity(Map.of("error", d.error()));
        d.headers().forEach(r::header);
        return Optional.of(r.build());
    }
}
