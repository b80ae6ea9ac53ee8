package io.tagger.ingestservice.access;

import io.tagger.access.RequestGuard;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Every HTTP request to the ingest service — API, web page and its files — passes
 * {@link RequestGuard} before any route runs. A browser that opens the page without a key is sent
 * to the sign-in page; every other refusal is answered 401/403/429 in JSON and logged (never the
 * key). The caller's key name travels on to the resources in the routing context.
 */
@ApplicationScoped
public class AccessRoute {
    private static final Logger LOG = Logger.getLogger(AccessRoute.class);
    /** The routing-context entry with the caller's key name. */
    public static final String KEY_NAME = "tagger.key-name";
    /** The web page's session cookie: the key, HttpOnly and SameSite=Strict (see SessionResource). */
    public static final String COOKIE = "tagger_key";

    @Inject
    AccessControl access;

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::check);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        Cookie cookie = req.getCookie(COOKIE);
        String path = req.path();
        RequestGuard.Decision d = access.guard().check(req.method().name(), path, req.getHeader("Authorization"),
                req.getHeader("X-Api-Key"), cookie == null ? null : cookie.getValue());
        if (d.allowed()) {
            if (d.keyName() != null) {
                ctx.put(KEY_NAME, d.keyName());
            }
            ctx.next();
            return;
        }
        LOG.warnf("refused %s %s from %s: %d %s", req.method(), path, req.remoteAddress(), d.status(), d.error());
        if (d.status() == 401 && req.method().name().equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
            ctx.response().setStatusCode(302).putHeader("Location", "/login.html").end();
            return;
        }
        d.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
        ctx.response().setStatusCode(d.status()).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", d.error()).encode());
    }
}
