package io.tagger.ingestservice;

import io.quarkus.security.identity.SecurityIdentity;
import io.tagger.access.http.Problem;
import io.tagger.access.http.ProblemDocument;
import io.tagger.access.http.Roles;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The read side of the public API, answered by the inference service ({@code tagger.inference.url}):
 * {@code GET /tracks} (browse and search), {@code GET /tracks/{id}/tags|versions|status}. One
 * origin for the web page; the caller's key is passed on, and the inference service checks it too.
 * Only those endpoints are ever asked ({@link InferenceUris}): a track id the pipeline would not
 * accept ({@link io.tagger.producer.TrackIds#validate}) is answered 400 here. The inference
 * service's answers (its problem details too) are passed on with their status, type and
 * {@code Retry-After}. Reader role (an uploader key holds it too).
 */
@Path("/tracks")
@Tag(name = "tracks")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@APIResponse(responseCode = "401", description = "No key, or not a valid one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
@APIResponse(responseCode = "429", description = "Over the key's rate, or too many failed authentications (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
@APIResponse(responseCode = "503", description = "The inference service is not reachable or not ready (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
public class TagsProxy {
    private static final Logger LOG = Logger.getLogger(TagsProxy.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "tagger.inference.url", defaultValue = "http://127.0.0.1:8083")
    String inference;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Browse and search tagged tracks", description = "Newest first. q: a track id prefix; tag and min: only tracks "
            + "with that tag's score at least min (0.5); version: one model version; limit: 1-500 (50). Answered by the inference service.")
    @APIResponse(responseCode = "200", description = "The tracks (trackId, model, version, taggedTimeMs, tags, top)")
    @APIResponse(responseCode = "400", description = "A malformed query", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public Response search(@Parameter(description = "Track id prefix") @QueryParam("q") String q, @QueryParam("tag") String tag,
                           @QueryParam("min") Float min, @QueryParam("version") String version, @QueryParam("limit") Integer limit,
                           @Context UriInfo uri, @Context RoutingContext ctx) {
        URI target;
        try {
            target = InferenceUris.search(inference, uri.getRequestUri().getRawQuery());
        } catch (IllegalArgumentException e) {
            return Problem.of(Problem.Type.BAD_REQUEST, "malformed query: " + e.getMessage(), ctx.request().path()).response();
        }
        return forward(target, ctx);
    }

    @GET
    @Path("/{id: .+}/{what: tags|versions|status}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A track's tags, its tags by every model version, or where it is in the pipeline",
            description = "tags: the newest model version's 50 scores and tags (or ?version=); versions: all of them, oldest first; "
                    + "status: tagged, features (segments so far) or waiting. Answered by the inference service. The Location of an "
                    + "upload's 202 is this tags endpoint.")
    @APIResponse(responseCode = "200", description = "The track's tags, versions or status")
    @APIResponse(responseCode = "400", description = "Not a track id the pipeline accepts", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "404", description = "No tags for the track (yet, or by that version)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public Response track(@Parameter(description = "The track id (percent-encoded; may hold /)") @PathParam("id") String id,
                          @Parameter(description = "tags, versions or status") @PathParam("what") String what,
                          @Parameter(description = "A model version (tags only)") @QueryParam("version") String version,
                          @Context UriInfo uri, @Context RoutingContext ctx) {
        URI target;
        try {
            target = InferenceUris.track(inference, id, what, uri.getRequestUri().getRawQuery());
        } catch (IllegalArgumentException e) {
            return Problem.of(Problem.Type.INVALID_TRACK_ID, e.getMessage(), ctx.request().path()).response();
        }
        return forward(target, ctx);
    }

    private Response forward(URI target, RoutingContext ctx) {
        HttpRequest.Builder req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET();
        // The caller's key, however it came (header or the web page's session), as a bearer token.
        String key = Roles.key(identity);
        if (key != null) {
            req.header("Authorization", "Bearer " + key);
        }
        String path = ctx.request().path();
        try {
            HttpResponse<byte[]> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = res.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON);
            Response.ResponseBuilder answer = Response.status(res.statusCode()).type(type).entity(res.body());
            // a 429 or 503 of the inference service says when to come back: the caller needs to know it too
            res.headers().firstValue("Retry-After").ifPresent(v -> answer.header("Retry-After", v));
            return answer.build();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("the inference service at %s did not answer: %s", inference, e.getMessage());
            return Problem.of(Problem.Type.UNAVAILABLE, "the tag service is not reachable; retry shortly", path)
                    .withHeader("Retry-After", "10").response();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.of(Problem.Type.UNAVAILABLE, "interrupted", path).withHeader("Retry-After", "10").response();
        }
    }
}
