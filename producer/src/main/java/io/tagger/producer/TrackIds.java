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
 * same file gives the same id and downstream deduplicates it. Callers may choose their own ids,
 * but not ones of the content-id form ({@link #checkChosen}): those are given only from the bytes.
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
        return ofSha256(sha256(in));
    }

    /** The whole SHA-256 of a file's bytes, 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content id of a file whose whole SHA-256 (hex) is {@code sha256}: its first 16 hex digits. */
    public static String ofSha256(String sha256) {
        return sha256.substring(0, 16);
    }

    /** Whether {@code id} has the form of a content id: 16 hex digits, in either case. */
    public static boolean isContentIdForm(String id) {
        return id != null && id.matches("[0-9A-Fa-f]{16}");
    }

    /** What {@link #checkChosen} refuses beyond {@link #validate}, in words. */
    public static final String CONTENT_ID_RULE = "a chosen track id may not be 16 hex digits, the form of a content id "
            + "(the first 16 hex digits of a file's SHA-256), unless it is the uploaded file's own content id: content ids are "
            + "given by the server from the file's bytes (leave the id out to get one)";

    /**
     * A caller-chosen id for a file whose content id is {@code contentId}: {@link #validate}'s rule,
     * and no id of the content-id form other than the file's own (so no one can put other content
     * under a file's content id, and with it decide that file's tags).
     */
    public static String checkChosen(String id, String contentId) {
        validate(id);
        if (isContentIdForm(id) && !id.equals(contentId)) {
            throw new IllegalArgumentException(CONTENT_ID_RULE);
        }
        return id;
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
