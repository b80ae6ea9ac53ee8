package io.tagger.access.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks an API key against the keys file's hashes ({@link io.tagger.access.ApiKeys}): the
 * identity of the key's name with its role, or an authentication failure. In memory (the file is
 * re-read at most every 2 s), so it runs on the I/O thread.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {
    @Inject
    AccessSettings access;

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        String key = request.key().strip();
        return access.keys().authenticate(key)
                .map(who -> Uni.createFrom().item(Roles.identity(who, key)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("the API key is not valid")));
    }
}
