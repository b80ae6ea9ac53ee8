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

import java.util.Map;
import java.util.Optional;

/**
 * Every HTTP request to the ingest service — API, web page and its files — passes
 * {@link RequestGuard} before any route runs, with a key (header) or the web page's session
 * cookie ({@link SessionStore}). A browser that opens the page without a key is sent to the
 * sign-in page; every other refusal is answered 401/403/429 in JSON and logged (never the key). The caller's
 * key name, and the key itself for passing on to the inference service, travel on to the
 * resources in the routing context.
 */
@ApplicationScoped
public class AccessRoute {
    private static final Logger LOG = Logger.getLogger(AccessRoute.class);
    /** The routing-context entry with the caller's key name. */
    public static final String KEY_NAME = "tagger.key-name";
    /** The routing-context entry with the caller's key (from a header or the session), to pass on. */
    public static final String KEY = "tagger.key";
    /** The web page's session cookie: an opaque token, HttpOnly and SameSite=Strict (see SessionResource). */
    public static final String COOKIE = "tagger_key";
    private static final String NO_SESSION = "the session has ended or is not valid; sign in again";

    @Inject
    AccessControl access;

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::check);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String method = req.method().name();
        String path = req.path();
        String address = ClientAddress.of(req);
        long now = System.currentTimeMillis();
        String headerKey = RequestGuard.presentedKey(req.getHeader("Authorization"), req.getHeader("X-Api-Key"));
        boolean presentsKey = headerKey != null && !headerKey.isBlank();
        RequestGuard.Decision d;
        String key = null;
        Cookie cookie = req.getCookie(COOKIE);
        if (presentsKey || cookie == null) {
            d = access.guard().check(method, path, req.getHeader("Authorization"), req.getHeader("X-Api-Key"));
            key = presentsKey ? headerKey.strip() : null;
        } else {
            Optional<SessionStore.Session> session = RequestGuard.isPublic(method, path) ? Optional.empty()
                    : access.sessions().find(cookie.getValue(), now);
            d = access.guard().checkAs(method, path, session.map(SessionStore.Session::who).orElse(null), NO_SESSION);
            key = session.map(SessionStore.Session::key).orElse(null);
        }
        if (d.allowed()) {
            if (d.keyName() != null) {
                ctx.put(KEY_NAME, d.keyName());
                ctx.put(KEY, key);
            }
            ctx.next();
            return;
        }
        if (d.status() == 401 && method.equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
            ctx.response().setStatusCode(302).putHeader("Location", "/login.html").end();
            LOG.warnf("refused GET %s from %s: redirected to sign in (%s)", path, address, d.error());
            return;
        }
        refuse(ctx, address, d);
    }

    private void refuse(RoutingContext ctx, String address, RequestGuard.Decision d) {
        HttpServerRequest req = ctx.request();
        LOG.warnf("refused %s %s from %s: %d %s", req.method(), req.path(), address, d.status(), d.error());
        for (Map.Entry<String, String> h : d.headers().entrySet()) {
            ctx.response().putHeader(h.getKey(), h.getValue());
        }
        ctx.response().setStatusCode(d.status()).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", d.error()).encode());
    }
}
