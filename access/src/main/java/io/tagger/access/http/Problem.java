package io.tagger.access.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * An RFC 9457 problem details answer ({@code application/problem+json}): {@code type} (a
 * {@code urn:tagger:problem:} URN naming the kind of error, or {@code about:blank} for a plain HTTP
 * status), {@code title} (the same for every problem of a type), {@code status}, {@code detail}
 * (what went wrong with this request, in words a person can act on) and {@code instance} (the
 * request's path). Every error both services answer has this form; headers such as
 * {@code Retry-After} and {@code WWW-Authenticate} travel with it. The types are listed in
 * docs/api/README.md.
 */
public record Problem(Type type, int status, String detail, String instance, Map<String, String> headers) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The kinds of error, each with its status and title. */
    public enum Type {
        BAD_REQUEST("bad-request", 400, "Bad request"),
        INVALID_TRACK_ID("invalid-track-id", 400, "Invalid track id"),
        MALFORMED_UPLOAD("malformed-upload", 400, "Malformed upload"),
        UNAUTHORIZED("unauthorized", 401, "Authentication required"),
        FORBIDDEN("forbidden", 403, "The key's role does not allow this"),
        NOT_FOUND("not-found", 404, "Not found"),
        TRACK_ID_TAKEN("track-id-taken", 409, "Track id taken by other content"),
        TOO_LARGE("too-large", 413, "Upload too large"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
        AUDIO_REFUSED("audio-refused", 422, "Audio refused"),
        RATE_LIMITED("rate-limited", 429, "Too many requests for this key"),
        AUTH_THROTTLED("auth-throttled", 429, "Too many failed authentications"),
        TOO_MANY_UPLOADS("too-many-uploads", 429, "Too many uploads at a time"),
        INTERNAL("internal", 500, "Internal error"),
        UNAVAILABLE("unavailable", 503, "Service unavailable"),
        /** Any other status: type {@code about:blank}, the status's reason phrase as title. */
        OTHER(null, 0, null);

        private final String slug;
        private final int status;
        private final String title;

        Type(String slug, int status, String title) {
            this.slug = slug;
            this.status = status;
            this.title = title;
        }

        public String uri() {
            return slug == null ? "about:blank" : "urn:tagger:problem:" + slug;
        }

        public int status() {
            return status;
        }

        /** The type a bare status gets: the general one of that status, else {@link #OTHER}. */
        public static Type ofStatus(int status) {
            return switch (status) {
                case 400 -> BAD_REQUEST;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 413 -> TOO_LARGE;
                case 415 -> UNSUPPORTED_MEDIA_TYPE;
                case 500 -> INTERNAL;
                case 503 -> UNAVAILABLE;
                default -> OTHER;
            };
        }
    }

    public static Problem of(Type type, String detail, String instance) {
        return new Problem(type, type.status, detail, instance, Map.of());
    }

    /** A problem of a bare HTTP status (its general type, or about:blank). */
    public static Problem ofStatus(int status, String detail, String instance) {
        return new Problem(Type.ofStatus(status), status, detail, instance, Map.of());
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new Problem(type, status, detail, instance, Map.copyOf(h));
    }

    /** {@code Retry-After} in whole seconds (at least 1) of a wait in milliseconds. */
    public Problem retryAfterMillis(long millis) {
        return withHeader("Retry-After", String.valueOf(Math.max(1, (millis + 999) / 1000)));
    }

    public String title() {
        if (type.title != null) {
            return type.title;
        }
        Response.Status s = Response.Status.fromStatusCode(status);
        return s == null ? "HTTP " + status : s.getReasonPhrase();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("type", type.uri()).put("title", title()).put("status", status)
                .put("detail", detail == null ? title() : detail);
        if (instance != null) {
            o.put("instance", instance);
        }
        return o;
    }

    /** The answer for a JAX-RS resource or exception mapper. */
    public Response response() {
        Response.ResponseBuilder r = Response.status(status).type(MEDIA_TYPE).entity(toJson().encode());
        headers.forEach(r::header);
        return r.build();
    }

    /** Writes the answer on a Vert.x exchange (a route, a failure handler, an authentication challenge) and ends it. */
    public void send(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
            headers.forEach(ctx.response()::putHeader);
        }
        ctx.response().end(toJson().encode());
    }

    /**
     * Sets the status, headers and body of an exchange without ending it: for an authentication
     * challenge, whose caller ends the exchange itself.
     */
    public void write(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        byte[] body = toJson().encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Content-Length", String.valueOf(body.length));
        headers.forEach(ctx.response()::putHeader);
        ctx.response().write(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /** The request path of an exchange, as the problem's instance. */
    public static String instanceOf(RoutingContext ctx) {
        return ctx.request().path();
    }
}
