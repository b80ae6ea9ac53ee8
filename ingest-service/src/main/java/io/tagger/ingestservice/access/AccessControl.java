package io.tagger.ingestservice.access;

import io.tagger.access.ConcurrencyLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ingest service's own access limit: the uploads decoded at a time, in all and per key. Keys,
 * roles, sessions, rates and the failed-authentication throttle are the shared mechanism's
 * ({@link io.tagger.access.http.AccessSettings}, {@link io.tagger.access.http.ApiKeyAuthenticationMechanism}).
 */
@ApplicationScoped
public class AccessControl {
    private final ConcurrencyLimiter uploads;

    public AccessControl(@ConfigProperty(name = "tagger.ingest.max-concurrent-uploads", defaultValue = "4") int uploadsTotal,
                         @ConfigProperty(name = "tagger.ingest.max-concurrent-uploads-per-key", defaultValue = "2") int uploadsPerKey) {
        uploads = new ConcurrencyLimiter(uploadsTotal, uploadsPerKey);
    }

    public ConcurrencyLimiter uploads() {
        return uploads;
    }
}
