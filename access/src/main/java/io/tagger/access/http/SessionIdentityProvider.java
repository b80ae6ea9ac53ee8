package io.tagger.access.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The web page's session token ({@link io.tagger.access.SessionStore}): the identity of the key it
 * was opened with, checked against the keys file again (a revoked key's sessions end), or an
 * authentication failure (expired, signed out, forged, or opened on another replica).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {
    @Inject
    AccessSettings access;

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        return access.sessions().find(request.token(), System.currentTimeMillis())
                .map(s -> Uni.createFrom().item(Roles.identity(s.who(), s.key())))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("the session has ended or is not valid")));
    }
}
