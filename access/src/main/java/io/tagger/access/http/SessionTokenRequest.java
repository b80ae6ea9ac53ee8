package io.tagger.access.http;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The web page's session token, from its cookie (an opaque token, never the key). */
public final class SessionTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public SessionTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
