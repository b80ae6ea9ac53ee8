package io.tagger.access;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web page's sessions: signing in gives an opaque random token (the cookie), never the key.
 * The server keeps token -> key for {@code lifetimeMillis}, in memory only, at most
 * {@code maxSessions} of them (the oldest goes first). Every use checks the key again against the
 * keys file, so revoking a key (or changing its role) ends or changes its sessions within the
 * file's re-read. The key is kept to pass it on to the inference service, which checks it too.
 * Tokens are stored as their SHA-256, so a lookup reveals nothing through timing.
 */
public final class SessionStore {
    /** A live session: who it is now, and the key it was opened with. */
    public record Session(ApiKeys.Principal who, String key) {
    }

    private record Entry(String key, long expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApiKeys keys;
    private final long lifetimeMillis;
    private final int maxSessions;
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>();

    public SessionStore(ApiKeys keys, long lifetimeMillis, int maxSessions) {
        if (lifetimeMillis < 1 || maxSessions < 1) {
            throw new IllegalArgumentException("sessions need a lifetime and a size of at least 1");
        }
        this.keys = keys;
        this.lifetimeMillis = lifetimeMillis;
        this.maxSessions = maxSessions;
    }

    public long lifetimeMillis() {
        return lifetimeMillis;
    }

    /** A new session for a key already checked; its token. */
    public String open(String key, long now) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        synchronized (sessions) {
            dropExpired(now);
            while (sessions.size() >= maxSessions) {
                Iterator<String> oldest = sessions.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            sessions.put(hash(token), new Entry(key.strip(), now + lifetimeMillis));
        }
        return token;
    }

    /** The session of a token, if it exists, has not expired and its key is still valid. */
    public Optional<Session> find(String token, long now) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Entry e;
        String h = hash(token);
        synchronized (sessions) {
            e = sessions.get(h);
            if (e != null && e.expiresAt() <= now) {
                sessions.remove(h);
                e = null;
            }
        }
        if (e == null) {
            return Optional.empty();
        }
        Optional<ApiKeys.Principal> who = keys.authenticate(e.key());
        if (who.isEmpty()) {
            close(token); // the key was revoked
            return Optional.empty();
        }
        return Optional.of(new Session(who.get(), e.key()));
    }

    /** Signs out: the token opens nothing any more. Unknown tokens are fine. */
    public void close(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 100) {
            synchronized (sessions) {
                sessions.remove(hash(token));
            }
        }
    }

    public int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    private void dropExpired(long now) {
        // Entries are in opening order and all live equally long: the expired ones come first.
        for (Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresAt() > now) {
                return;
            }
            it.remove();
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
