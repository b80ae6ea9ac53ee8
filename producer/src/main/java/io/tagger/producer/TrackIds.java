package io.tagger.producer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derived track ids: the SHA-256 of the file's bytes (first 16 hex digits), so re-ingesting the
 * same file gives the same id and downstream deduplicates it. Callers may choose their own ids.
 */
public final class TrackIds {
    private TrackIds() {
    }

    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    public static String of(InputStream in) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #validate} accepts, in words (the error message says it). */
    public static final String RULE = "a track id is 1-200 characters of letters, digits and . _ - : /, "
            + "with no empty, '.' or '..' part between slashes";

    /**
     * Caller-chosen ids: 1-200 characters of letters, digits and {@code . _ - : /}, where no part
     * between slashes is empty, {@code .} or {@code ..} (so an id is never a relative path that
     * leaves its place when it becomes part of a URL or a file name).
     */
    public static String validate(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._:/-]{1,200}")) {
            throw new IllegalArgumentException(RULE);
        }
        for (String part : id.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException(RULE);
            }
        }
        return id;
    }
}
