package io.tagger.access.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.tagger.access.ClientAddress;
import io.tagger.access.ApiKeys;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;

/**
 * The one way both services authenticate an HTTP request (Quarkus Security): an API key in
 * {@code X-Api-Key} or {@code Authorization: Bearer} ({@link ApiKeyIdentityProvider}), else the
 * web page's session cookie ({@link SessionIdentityProvider}), else anonymous. Authentication is
 * lazy ({@code quarkus.http.auth.proactive=false}): it runs only where a permission or a
 * {@code @RolesAllowed} asks for the caller, so public endpoints never look at a key.
 *
 * <p>Around the key check: a client address with too many failed authentications this minute is
 * refused with 429 before its key is looked at ({@link io.tagger.access.AuthFailureThrottle}; a
 * wrong key counts, an expired or forged session cookie does not), and a valid key over its rate
 * is refused with 429 ({@link io.tagger.access.RateLimiter}). Every refusal is answered as problem
 * details by {@link #sendChallenge} (401 with {@code WWW-Authenticate}, 429 with
 * {@code Retry-After}) and logged within {@link io.tagger.access.RefusalLog}'s limits, never with
 * the key. A browser opening the page without a session is sent to the sign-in page where the
 * service has one ({@code tagger.access.sign-in-page}).
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
    /** The web page's session cookie: an opaque token, HttpOnly and SameSite=Strict. */
    public static final String COOKIE = "tagger_key";
    static final String PROBLEM = "tagger.access.problem";
    static final String CHALLENGE = "Bearer realm=\"tagger\"";
    private static final String NO_KEY = "an API key is required (Authorization: Bearer KEY)";
    private static final String NO_SESSION = "the session has ended or is not valid; sign in again";

    @Inject
    AccessSettings access;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identities) {
        return Uni.createFrom().deferred(() -> {
            HttpServerRequest req = ctx.request();
            long now = System.currentTimeMillis();
            String instance = req.path();
            String headerKey = ApiKeys.presented(req.getHeader("Authorization"), req.getHeader("X-Api-Key"));
            if (headerKey != null) {
                String address = ClientAddress.of(req);
                Optional<Problem> throttled = access.throttled(address, instance, now);
                if (throttled.isPresent()) {
                    return refuse(ctx, throttled.get());
                }
                return identities.authenticate(request(new ApiKeyRequest(headerKey), ctx))
                        .onFailure(AuthenticationFailedException.class).recoverWithUni(e -> {
                            access.failedAuthentication(address, now);
                            return refuse(ctx, Problem.of(Problem.Type.UNAUTHORIZED, "the API key is not valid", instance));
                        })
                        .onItem().transformToUni(who -> withinRate(ctx, who, instance));
            }
            Cookie cookie = req.getCookie(COOKIE);
            if (cookie != null) {
                return identities.authenticate(request(new SessionTokenRequest(cookie.getValue()), ctx))
                        .onFailure(AuthenticationFailedException.class)
                        .recoverWithUni(e -> refuse(ctx, Problem.of(Problem.Type.UNAUTHORIZED, NO_SESSION, instance)))
                        .onItem().transformToUni(who -> withinRate(ctx, who, instance));
            }
            return Uni.createFrom().nullItem(); // anonymous: a permission or @RolesAllowed refuses it (challenge below)
        });
    }

    private static AuthenticationRequest request(AuthenticationRequest r, RoutingContext ctx) {
        return HttpSecurityUtils.setRoutingContextAttribute(r, ctx);
    }

    private Uni<SecurityIdentity> withinRate(RoutingContext ctx, SecurityIdentity who, String instance) {
        String name = who.getPrincipal().getName();
        long wait = access.rate().acquire(name, System.currentTimeMillis());
        if (wait > 0) {
            return refuse(ctx, Problem.of(Problem.Type.RATE_LIMITED, "too many requests for key '" + name + "'; retry in "
                    + Math.max(1, wait / 1000) + " s", instance).retryAfterMillis(wait));
        }
        return Uni.createFrom().item(who);
    }

    /** Fails the authentication; {@link #sendChallenge} answers {@code problem}. */
    private static Uni<SecurityIdentity> refuse(RoutingContext ctx, Problem problem) {
        ctx.put(PROBLEM, problem);
        return Uni.createFrom().failure(new AuthenticationFailedException(problem.detail()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    /** Answers a refused authentication (or an anonymous caller where one is needed) as problem details. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        Problem p = ctx.get(PROBLEM);
        if (p == null) {
            p = Problem.of(Problem.Type.UNAUTHORIZED, NO_KEY, req.path());
        }
        if (p.status() == 401) {
            p = p.withHeader("WWW-Authenticate", CHALLENGE);
        }
        String address = ClientAddress.of(req);
        long now = System.currentTimeMillis();
        if (p.status() == 401 && access.signInPage().isPresent() && req.method().name().equals("GET")
                && (req.path().equals("/") || req.path().equals("/index.html"))) {
            access.refusals().refused(address, "refused GET " + req.path() + " from " + address + ": redirected to sign in ("
                    + p.detail() + ")", now);
            if (!ctx.response().headWritten()) {
                ctx.response().setStatusCode(302).putHeader("Location", access.signInPage().get());
            }
            return Uni.createFrom().item(true);
        }
        access.refusals().refused(address, "refused " + req.method() + " " + req.path() + " from " + address + ": "
                + p.status() + " " + p.detail(), now);
        p.write(ctx);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class, SessionTokenRequest.class);
    }
}
