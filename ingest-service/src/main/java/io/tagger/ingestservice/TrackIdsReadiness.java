package io.tagger.ingestservice;

import io.tagger.pipeline.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN until the ids taken so far ({@link TrackClaims}, topic {@code track-ids}) have
 * been read once; until then an upload under a chosen id would have to wait or be answered 503.
 */
@Readiness
@ApplicationScoped
public class TrackIdsReadiness implements HealthCheck {
    @Inject
    TrackClaims claims;

    @Override
    public HealthCheckResponse call() {
        return claims.loaded() ? HealthCheckResponse.named("track-ids").up().build()
                : HealthCheckResponse.named("track-ids").down().withData("reason", "reading topic " + Topics.TRACK_IDS).build();
    }
}
