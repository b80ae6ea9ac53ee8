package io.tagger.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys a service accepts, read from a keys file (a Kubernetes Secret or a local file):
 * one key per line, {@code NAME ROLE SHA256_HEX}, {@code #} comments. Only hashes are stored,
 * so the file does not give the keys away. Issue a key with {@code ./tagger keys new}; revoke it
 * by deleting its line. The file is re-read when it changes (checked at most every
 * {@code recheckMillis}), so issuing and revoking need no restart.
 */
public final class ApiKeys {
    /** Who a valid key belongs to. */
    public record Principal(String name, Role role) {
    }

    private record Entry(String name, Role role, byte[] hash) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private final long recheckMillis;
    private volatile List<Entry> entries = List.of();
    private volatile FileTime loadedTime;
    private volatile long checkedAt;

    /** @param file the keys file; null means no key is valid (every request is refused) */
    public ApiKeys(Path file, long recheckMillis) {
        this.file = file;
        this.recheckMillis = recheckMillis;
        reloadIfChanged(true);
    }

    /** A new random key (shown once to whoever asked for it); prefix {@code tgk_}. */
    public static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "tgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** The keys-file line of a key. */
    public static String line(String name, Role role, String key) {
        if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("key name must be 1-64 letters, digits or . _ @ -");
        }
        return name + " " + role.name().toLowerCase() + " " + hash(key);
    }

    /**
     * The key a request presents: {@code X-Api-Key}, else {@code Authorization: Bearer}; null when
     * neither is there (or blank).
     */
    public static String presented(String authorization, String apiKeyHeader) {
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return apiKeyHeader;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && !authorization.substring(7).isBlank()) {
            return authorization.substring(7);
        }
        return null;
    }

    public Optional<Principal> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        reloadIfChanged(false);
        byte[] h = sha256(presented.strip());
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), h)) { // constant time per entry
                found = new Principal(e.name(), e.role());
            }
        }
        return Optional.ofNullable(found);
    }

    /** How many keys are valid now. */
    public int size() {
        reloadIfChanged(false);
        return entries.size();
    }

    private void reloadIfChanged(boolean force) {
        if (file == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!force && now - checkedAt < recheckMillis) {
            return;
        }
        synchronized (this) {
            checkedAt = now;
            try {
                FileTime t = Files.getLastModifiedTime(file);
                if (!force && t.equals(loadedTime)) {
                    return;
                }
                entries = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                loadedTime = t;
            } catch (IOException e) {
                entries = List.of(); // an unreadable keys file admits nobody
                loadedTime = null;
            }
        }
    }

    private static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3 || !f[2].matches("[0-9a-f]{64}")) {
                continue; // a malformed line grants nothing
            }
            try {
                out.add(new Entry(f[0], Role.parse(f[1]), HexFormat.of().parseHex(f[2])));
            } catch (IllegalArgumentException e) {
                // unknown role: grants nothing
            }
        }
        return List.copyOf(out);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
