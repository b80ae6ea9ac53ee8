package io.tagger.ingestservice;

import io.tagger.producer.TrackIds;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The inference service's URLs the tag proxy may ask, and only those: {@code /tracks} (search)
 * and {@code /tracks/ID/tags|versions|status}. The track id must pass {@link TrackIds#validate}
 * and is percent-encoded as one path segment ({@code /} too), the query is rebuilt from its
 * decoded parameters (in their order), and a URL whose path is not one of those endpoints is
 * never made. Anything malformed is an IllegalArgumentException, the caller's error.
 */
final class InferenceUris {
    static final Set<String> TRACK_ENDPOINTS = Set.of("tags", "versions", "status");

    private InferenceUris() {
    }

    /** {@code GET /tracks?QUERY}; {@code rawQuery} as the caller sent it (or null). */
    static URI search(String base, String rawQuery) {
        return checked(base, "/tracks", rawQuery);
    }

    /** {@code GET /tracks/ID/WHAT}; IllegalArgumentException (with {@link TrackIds#RULE}) for an id the pipeline does not accept. */
    static URI track(String base, String id, String what, String rawQuery) {
        if (!TRACK_ENDPOINTS.contains(what)) {
            throw new IllegalArgumentException("no such track endpoint: " + what);
        }
        return checked(base, "/tracks/" + encode(TrackIds.validate(id)) + "/" + what, rawQuery);
    }

    private static URI checked(String base, String path, String rawQuery) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String param : rawQuery.split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? param : param.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                q.add(encode(name) + "=" + encode(value));
            }
        }
        URI uri = URI.create(base.replaceAll("/+$", "") + path + q);
        String rel = uri.getRawPath().substring(URI.create(base).getRawPath().replaceAll("/+$", "").length());
        if (!rel.equals(path) || !uri.normalize().equals(uri) || uri.getRawFragment() != null) {
            throw new IllegalStateException("refusing to forward to " + rel); // cannot happen with the encoding above
        }
        return uri;
    }

    /** Percent-encodes everything but letters, digits and {@code . _ - *} (a space is %20, not +). */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
