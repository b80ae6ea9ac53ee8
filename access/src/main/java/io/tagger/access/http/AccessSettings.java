package io.tagger.access.http;

import io.tagger.access.ApiKeys;
import io.tagger.access.AuthFailureThrottle;
import io.tagger.access.RateLimiter;
import io.tagger.access.RefusalLog;
import io.tagger.access.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's access settings and the state behind them, from configuration: the API keys file
 * ({@code tagger.access.keys-file}, env TAGGER_API_KEYS_FILE; none = nobody is admitted; re-read
 * within 2 s of a change), the requests per minute and burst per key, the failed authentications
 * allowed per client address a minute (0: no limit), how many refusals are logged, the web page's
 * sessions (lifetime, how many are kept) and the sign-in page a browser without a session is sent
 * to (none: no redirect).
 */
@ApplicationScoped
public class AccessSettings {
    /** Refusals are logged under this category (never with the key). */
    public static final String LOG_CATEGORY = "io.tagger.access";
    private static final Logger LOG = Logger.getLogger(LOG_CATEGORY);
    private final ApiKeys keys;
    private final RateLimiter rate;
    private final AuthFailureThrottle authFailures;
    private final RefusalLog refusals;
    private final SessionStore sessions;
    private final Optional<String> signInPage;

    public AccessSettings(@ConfigProperty(name = "tagger.access.keys-file") Optional<String> keysFile,
                          @ConfigProperty(name = "tagger.access.rate-per-minute", defaultValue = "600") int perMinute,
                          @ConfigProperty(name = "tagger.access.rate-burst", defaultValue = "120") int burst,
                          @ConfigProperty(name = "tagger.access.auth-failures-per-minute", defaultValue = "20") int authFailuresPerMinute,
                          @ConfigProperty(name = "tagger.access.refusals-logged-per-address", defaultValue = "5") int loggedPerAddress,
                          @ConfigProperty(name = "tagger.access.refusals-logged-in-all", defaultValue = "100") int loggedInAll,
                          @ConfigProperty(name = "tagger.access.session-hours", defaultValue = "8") double sessionHours,
                          @ConfigProperty(name = "tagger.access.max-sessions", defaultValue = "10000") int maxSessions,
                          @ConfigProperty(name = "tagger.access.sign-in-page") Optional<String> signInPage) {
        String file = keysFile.filter(f -> !f.isBlank()).orElse(null);
        keys = new ApiKeys(file == null ? null : Path.of(file), 2000);
        if (keys.size() == 0) {
            LOG.warnf("no valid API key in %s: every request but the public ones will be refused",
                    keysFile.orElse("(tagger.access.keys-file is not set)"));
        }
        rate = new RateLimiter(perMinute, burst);
        authFailures = new AuthFailureThrottle(authFailuresPerMinute);
        refusals = new RefusalLog(loggedPerAddress, loggedInAll, LOG::warn);
        sessions = new SessionStore(keys, (long) (sessionHours * 3_600_000), maxSessions);
        this.signInPage = signInPage.filter(p -> !p.isBlank());
    }

    public ApiKeys keys() {
        return keys;
    }

    public RateLimiter rate() {
        return rate;
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

    public Optional<String> signInPage() {
        return signInPage;
    }

    /** Counts a wrong key from {@code address} (a request's or a sign-in's); logs when the address becomes throttled. */
    public void failedAuthentication(String address, long now) {
        if (authFailures.failed(address, now)) {
            refusals.notice("throttling " + address + ": " + authFailures.perMinute()
                    + " failed authentications within a minute; its requests with a key are refused with 429 until the minute ends", now);
        }
    }

    /** The throttle's answer for an address that failed too often this minute, or empty. */
    public Optional<Problem> throttled(String address, String instance, long now) {
        long wait = authFailures.retryAfterMillis(address, now);
        if (wait <= 0) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(Problem.Type.AUTH_THROTTLED, "too many failed authentications from this address; retry in "
                + Math.max(1, wait / 1000) + " s", instance).retryAfterMillis(wait));
    }
}
