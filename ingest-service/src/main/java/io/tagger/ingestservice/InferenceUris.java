package io.tagger.ingestservice;

import io.tagger.pipeline.TrackIds;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The inference service's URLs the tag proxy may ask, and only those: {@code /tracks} (search)
 * and {@code /tracks/ID/tags|versions|status}. The track id must pass {@link TrackIds#validate}
 * and is percent-encoded as one path segment ({@code /} too), the query is rebuilt from its
 * decoded parameters, and a URL whose path is not one of those endpoints is never made.
 */
final class InferenceUris {
    static final Set<String> TRACK_ENDPOINTS = Set.of("tags", "versions", "status");

    private InferenceUris() {
    }

    /** {@code GET /tracks?QUERY}. */
    static URI search(String base, Map<String, List<String>> query) {
        return checked(base, "/tracks", query);
    }

    /** {@code GET /tracks/ID/WHAT}; IllegalArgumentException (with {@link TrackIds#RULE}) for an id the pipeline does not accept. */
    static URI track(String base, String id, String what, Map<String, List<String>> query) {
        if (!TRACK_ENDPOINTS.contains(what)) {
            throw new IllegalArgumentException("no such track endpoint: " + what);
        }
        return checked(base, "/tracks/" + encode(TrackIds.validate(id)) + "/" + what, query);
    }

    private static URI checked(String base, String path, Map<String, List<String>> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, values) -> values.forEach(v -> q.add(encode(k) + "=" + encode(v))));
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
