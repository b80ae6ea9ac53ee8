package io.tagger.access.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.tagger.access.ClientAddress;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.quarkus.runtime.configuration.MemorySize;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * Problem details for what fails outside the REST resources (their own errors go through
 * {@link ProblemMappers}): a body declared over {@code quarkus.http.limits.max-body-size} (413,
 * from the request's head), a failure on the HTTP layer (a status such as 413, a refused
 * permission, an unexpected exception: 500 with an error id, logged here, never a stack trace) and
 * a path nothing serves (404). Also flushes the refusal log's summary once a minute.
 */
@ApplicationScoped
public class ProblemRoutes {
    private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);

    @Inject
    AccessSettings access;

    @Inject
    ApiKeyAuthenticationMechanism mechanism;

    /** The largest request body taken; Quarkus refuses a larger one too, but with an empty 413. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // A body declared over the limit: 413 problem details from the head, just before Quarkus's
        // own check (route order -2) would answer it without a body, and after the caller's
        // authentication and permissions (as before); the connection is closed, as there.
        maxBodySize.ifPresent(limit -> router.route().order(-3).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit.asLongValue()) {
                ctx.response().putHeader("Connection", "close");
                Problem.of(Problem.Type.TOO_LARGE, "the upload is over the size limit (" + limit.asLongValue() + " bytes)",
                        ctx.request().path()).send(ctx);
                return;
            }
            ctx.next();
        }));
        // After every resource and the static files: what none of them served.
        router.route().order(Integer.MAX_VALUE - 100).handler(ctx -> Problem.of(Problem.Type.NOT_FOUND,
                "nothing is served at " + ctx.request().path(), ctx.request().path()).send(ctx));
        vertx.setPeriodic(io.tagger.access.RefusalLog.MINUTE, id -> access.refusals().flush(System.currentTimeMillis()));
    }

    void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable t = ctx.failure();
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AuthenticationFailedException) {
            // A refused key or session (lazy authentication fails the exchange): the mechanism's answer.
            mechanism.sendChallenge(ctx).subscribe().with(sent -> {
                if (!ctx.response().ended()) {
                    ctx.response().end();
                }
            }, e -> LOG.debugf(e, "could not answer a refused authentication"));
            return;
        }
        String path = ctx.request().path();
        if (t instanceof ForbiddenException) {
            // A permission refused on the HTTP layer, from the request's head (before any body is read).
            SecurityIdentity who = ctx.user() instanceof QuarkusHttpUser u ? u.getSecurityIdentity() : null;
            String detail = Roles.whyForbidden(who);
            String address = ClientAddress.of(ctx.request());
            access.refusals().refused(address, "refused " + ctx.request().method() + " " + path + " from " + address + ": 403 "
                    + detail, System.currentTimeMillis());
            Problem.of(Problem.Type.FORBIDDEN, detail, path).send(ctx);
            return;
        }
        int status = ctx.statusCode();
        if (t == null && status >= 400 && status < 500) {
            Problem.ofStatus(status, null, path).send(ctx);
            return;
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(t, "request failed (error id %s, status %d)", id, status);
        Problem.of(Problem.Type.INTERNAL, "internal error (id " + id + "); the service goes on", path).send(ctx);
    }
}
