package io.tagger.access;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may make a request: the services' HTTP filters ask it. Health checks, metrics (no track
 * data, no secrets) and the web page's sign-in page are public; everything else — the page
 * itself included — needs an API key
 * ({@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}) — reading tags the reader role,
 * anything that changes state (POST, PUT, DELETE) the uploader role — within the key's rate limit.
 * Signing in ({@code POST /session}, which checks the key itself) and out ({@code DELETE /session})
 * are public too.
 */
public final class RequestGuard {
    /** The answer: {@code status} 0 lets the request through. */
    public record Decision(int status, String error, String keyName, long retryAfterMillis) {
        public boolean allowed() {
            return status == 0;
        }

        /** The HTTP headers a refusal carries: the auth scheme (401) or when to retry (429). */
        public java.util.Map<String, String> headers() {
            if (status == 401) {
                return java.util.Map.of("WWW-Authenticate", "Bearer realm=\"tagger\"");
            }
            if (retryAfterMillis > 0) {
                return java.util.Map.of("Retry-After", String.valueOf(Math.max(1, (retryAfterMillis + 999) / 1000)));
            }
            return java.util.Map.of();
        }
    }

    private final ApiKeys keys;
    private final RateLimiter rate;

    public RequestGuard(ApiKeys keys, RateLimiter rate) {
        this.keys = keys;
        this.rate = rate;
    }

    /**
     * The guard a service configures: its keys file (blank or null: no key is valid; re-read within
     * 2 s of a change) and the requests per minute and burst of each key.
     */
    public static RequestGuard of(String keysFile, int perMinute, int burst) {
        java.nio.file.Path file = keysFile == null || keysFile.isBlank() ? null : java.nio.file.Path.of(keysFile);
        return new RequestGuard(new ApiKeys(file, 2000), new RateLimiter(perMinute, burst));
    }

    /** The sign-in page and what it needs, health checks and metrics: everything else needs a key. */
    public static boolean isPublic(String method, String path) {
        if ((method.equals("POST") || method.equals("DELETE")) && path.equals(SESSION)) {
            return true; // signing in checks the key itself; anyone may sign out
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        // Metrics hold no track data or secrets; on Kubernetes only the monitoring namespace reaches them.
        return path.startsWith("/q/health") || path.equals("/q/metrics")
                || path.matches("/(login\\.html|login\\.js|app\\.css|favicon\\.svg)");
    }

    /** Where the web page signs in ({@code POST}, the key in the body) and out ({@code DELETE}). */
    public static final String SESSION = "/session";

    /** The key: {@code X-Api-Key}, else {@code Authorization: Bearer}; null when neither is there. */
    public static String presentedKey(String authorization, String apiKeyHeader) {
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return apiKeyHeader;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return null;
    }

    public ApiKeys keys() {
        return keys;
    }

    public Decision check(String method, String path, String authorization, String apiKeyHeader) {
        String m = method.toUpperCase(Locale.ROOT);
        if (isPublic(m, path)) {
            return new Decision(0, null, null, 0);
        }
        String presented = presentedKey(authorization, apiKeyHeader);
        if (presented == null || presented.isBlank()) {
            return new Decision(401, "an API key is required (Authorization: Bearer KEY)", null, 0);
        }
        Optional<ApiKeys.Principal> who = keys.authenticate(presented);
        if (who.isEmpty()) {
            return new Decision(401, "the API key is not valid", null, 0);
        }
        return authorize(m, who.get());
    }

    /**
     * A request whose caller was identified another way (the web page's session, checked against
     * these keys by its owner): {@code who} null is a 401 with {@code whyNot}.
     */
    public Decision checkAs(String method, String path, ApiKeys.Principal who, String whyNot) {
        String m = method.toUpperCase(Locale.ROOT);
        if (isPublic(m, path)) {
            return new Decision(0, null, null, 0);
        }
        if (who == null) {
            return new Decision(401, whyNot, null, 0);
        }
        return authorize(m, who);
    }

    private Decision authorize(String m, ApiKeys.Principal who) {
        Role needed = m.equals("GET") || m.equals("HEAD") ? Role.READER : Role.UPLOADER;
        if (!who.role().allows(needed)) {
            return new Decision(403, "the key '" + who.name() + "' has the " + who.role().name().toLowerCase(Locale.ROOT)
                    + " role; this request needs " + needed.name().toLowerCase(Locale.ROOT), who.name(), 0);
        }
        long wait = rate.acquire(who.name(), System.currentTimeMillis());
        if (wait > 0) {
            return new Decision(429, "too many requests for key '" + who.name() + "'; retry in "
                    + Math.max(1, wait / 1000) + " s", who.name(), wait);
        }
        return new Decision(0, null, who.name(), 0);
    }
}
