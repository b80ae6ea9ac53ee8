package io.tagger.ingestservice.access;

import io.tagger.access.RequestGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * Every HTTP request to the ingest service — API, web page and its files — passes
 * {@link RequestGuard} before any route runs, with a key (header) or the web page's session
 * cookie ({@link SessionStore}). A client address with too many failed authentications a minute
 * is answered 429 before its key is even looked at ({@link AuthFailureThrottle}). A browser that
 * opens the page without a key is sent to the sign-in page; every other refusal is answered
 * 401/403/429 in JSON and logged within {@link RefusalLog}'s limits (never the key). The caller's
 * key name, and the key itself for passing on to the inference service, travel on to the
 * resources in the routing context.
 */
@ApplicationScoped
public class AccessRoute {
    /** The routing-context entry with the caller's key name. */
    public static final String KEY_NAME = "tagger.key-name";
    /** The routing-context entry with the caller's key (from a header or the session), to pass on. */
    public static final String KEY = "tagger.key";
    /** The web page's session cookie: an opaque token, HttpOnly and SameSite=Strict (see SessionResource). */
    public static final String COOKIE = "tagger_key";
    private static final String NO_SESSION = "the session has ended or is not valid; sign in again";

    @Inject
    AccessControl access;

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(-100).handler(this::check);
        vertx.setPeriodic(RefusalLog.MINUTE, id -> access.refusals().flush(System.currentTimeMillis()));
    }

    void check(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String method = req.method().name();
        String path = req.path();
        String address = ClientAddress.of(req);
        long now = System.currentTimeMillis();
        String headerKey = RequestGuard.presentedKey(req.getHeader("Authorization"), req.getHeader("X-Api-Key"));
        boolean presentsKey = headerKey != null && !headerKey.isBlank();
        boolean signIn = method.equals("POST") && path.equals(RequestGuard.SESSION);
        if ((presentsKey && !RequestGuard.isPublic(method, path)) || signIn) {
            long wait = access.authFailures().retryAfterMillis(address, now);
            if (wait > 0) {
                refuse(ctx, address, new RequestGuard.Decision(429, "too many failed authentications from this address; retry in "
                        + Math.max(1, wait / 1000) + " s", null, wait));
                return;
            }
        }
        RequestGuard.Decision d;
        String key = null;
        Cookie cookie = req.getCookie(COOKIE);
        if (presentsKey || cookie == null) {
            d = access.guard().check(method, path, req.getHeader("Authorization"), req.getHeader("X-Api-Key"));
            key = presentsKey ? headerKey.strip() : null;
            if (d.status() == 401 && presentsKey) {
                failedAuthentication(address, now);
            }
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
            access.refusals().refused(address, "refused GET " + path + " from " + address + ": redirected to sign in (" + d.error() + ")", now);
            return;
        }
        refuse(ctx, address, d);
    }

    /** Counts a wrong key from {@code address} (a request's or a sign-in's). */
    public void failedAuthentication(String address, long now) {
        if (access.authFailures().failed(address, now)) {
            access.refusals().notice("throttling " + address + ": " + access.authFailures().perMinute()
                    + " failed authentications within a minute; its requests with a key are refused with 429 until the minute ends", now);
        }
    }

    private void refuse(RoutingContext ctx, String address, RequestGuard.Decision d) {
        HttpServerRequest req = ctx.request();
        access.refusals().refused(address, "refused " + req.method() + " " + req.path() + " from " + address + ": "
                + d.status() + " " + d.error(), System.currentTimeMillis());
        for (Map.Entry<String, String> h : d.headers().entrySet()) {
            ctx.response().putHeader(h.getKey(), h.getValue());
        }
        ctx.response().setStatusCode(d.status()).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", d.error()).encode());
    }
}
