package io.tagger.ingestservice;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * accept ({@link io.tagger.producer.TrackIds#validate}) is answered 400 here.
 */
@Path("/tracks")
public class TagsProxy {
    private static final Logger LOG = Logger.getLogger(TagsProxy.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "tagger.inference.url", defaultValue = "http://127.0.0.1:8083")
    String inference;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@Context UriInfo uri, @Context RoutingContext ctx) {
        URI target;
        try {
            target = InferenceUris.search(inference, uri.getRequestUri().getRawQuery());
        } catch (IllegalArgumentException e) {
            return ErrorAnswers.json(400, "malformed query: " + e.getMessage());
        }
        return forward(target, ctx);
    }

    @GET
    @Path("/{id: .+}/{what: tags|versions|status}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response track(@PathParam("id") String id, @PathParam("what") String what, @Context UriInfo uri, @Context RoutingContext ctx) {
        URI target;
        try {
            target = InferenceUris.track(inference, id, what, uri.getRequestUri().getRawQuery());
        } catch (IllegalArgumentException e) {
            return ErrorAnswers.json(400, e.getMessage());
        }
        return forward(target, ctx);
    }

    private Response forward(URI target, RoutingContext ctx) {
        HttpRequest.Builder req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET();
        // The caller's key, however it came (header or the web page's session), as a bearer token.
        Object key = ctx.get(io.tagger.ingestservice.access.AccessRoute.KEY);
        if (key != null) {
            req.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<byte[]> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder answer = Response.status(res.statusCode()).type(MediaType.APPLICATION_JSON).entity(res.body());
            // a 429 or 503 of the inference service says when to come back: the caller needs to know it too
            res.headers().firstValue("Retry-After").ifPresent(v -> answer.header("Retry-After", v));
            return answer.build();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("the inference service at %s did not answer: %s", inference, e.getMessage());
            return Response.fromResponse(ErrorAnswers.json(503, "the tag service is not reachable; retry shortly"))
                    .header("Retry-After", 10).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ErrorAnswers.json(503, "interrupted");
        }
    }
}
