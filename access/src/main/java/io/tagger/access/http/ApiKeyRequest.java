package io.tagger.access.http;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key from a request's {@code Authorization: Bearer} or {@code X-Api-Key} header. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
