package io.tagger.ingestservice.access;

import io.tagger.access.ConcurrencyLimiter;
import io.tagger.access.RequestGuard;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The ingest service's access rules, from configuration: the API keys file
 * ({@code tagger.access.keys-file}, env TAGGER_API_KEYS_FILE; no file = nobody is admitted), the
 * requests per minute and burst per key, the uploads decoded at a time (in all and per key), the
 * failed authentications allowed per client address a minute, how many refusals are logged, and
 * the web page's sessions (lifetime, how many are kept).
 */
@ApplicationScoped
public class AccessControl {
    private static final Logger LOG = Logger.getLogger(AccessControl.class);
    private final RequestGuard guard;
    private final ConcurrencyLimiter uploads;
    private final AuthFailureThrottle authFailures;
    private final RefusalLog refusals;
    private final SessionStore sessions;

    public AccessControl(@ConfigProperty(name = "tagger.access.keys-file") Optional<String> keysFile,
                         @ConfigProperty(name = "tagger.access.rate-per-minute", defaultValue = "600") int perMinute,
                         @ConfigProperty(name = "tagger.access.rate-burst", defaultValue = "120") int burst,
                         @ConfigProperty(name = "tagger.ingest.max-concurrent-uploads", defaultValue = "4") int uploadsTotal,
                         @ConfigProperty(name = "tagger.ingest.max-concurrent-uploads-per-key", defaultValue = "2") int uploadsPerKey,
                         @ConfigProperty(name = "tagger.access.auth-failures-per-minute", defaultValue = "20") int authFailuresPerMinute,
                         @ConfigProperty(name = "tagger.access.refusals-logged-per-address", defaultValue = "5") int loggedPerAddress,
                         @ConfigProperty(name = "tagger.access.refusals-logged-in-all", defaultValue = "100") int loggedInAll,
                         @ConfigProperty(name = "tagger.access.session-hours", defaultValue = "8") double sessionHours,
                         @ConfigProperty(name = "tagger.access.max-sessions", defaultValue = "10000") int maxSessions) {
        guard = RequestGuard.of(keysFile.orElse(null), perMinute, burst);
        if (guard.keys().size() == 0) {
            LOG.warnf("no valid API key in %s: every request but the public ones will be refused",
                    keysFile.orElse("(tagger.access.keys-file is not set)"));
        }
        uploads = new ConcurrencyLimiter(uploadsTotal, uploadsPerKey);
        authFailures = new AuthFailureThrottle(authFailuresPerMinute);
        refusals = new RefusalLog(loggedPerAddress, loggedInAll, Logger.getLogger(AccessRoute.class)::warn);
        sessions = new SessionStore(guard.keys(), (long) (sessionHours * 3_600_000), maxSessions);
    }

    public RequestGuard guard() {
        return guard;
    }

    public ConcurrencyLimiter uploads() {
        return uploads;
    }

    public AuthFailureThrottle authFailures() {
        return authFailures;
    }

    public RefusalLog refusals() {
        return refusals;
    }

    public SessionStore sessions() {
        return sessions;
    }
}
