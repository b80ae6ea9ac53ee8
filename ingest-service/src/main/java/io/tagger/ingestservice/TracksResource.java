package io.tagger.ingestservice;

import io.tagger.ingestservice.access.UploadSlotRoute;
import io.tagger.producer.TrackPublisher;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /tracks} (multipart: {@code file}, optional {@code id}; uploader role): decodes the
 * upload and publishes its segments; answers the track id and segment count. What the file is, is
 * decided by its content (FFmpeg's probe), never by its name or declared type: anything FFmpeg
 * cannot decode as audio is 422 with the reason (and a DLQ record). A track id that breaks the
 * rules (among them: no id of the content-id form other than the file's own) is 400; a file under
 * an id taken by different content is 409 (see {@link Ingestor}). A body over
 * {@code quarkus.http.limits.max-body-size}: 413; more uploads at a time than allowed: 429, before the
 * body is read ({@link UploadSlotRoute}).
 */
@Path("/tracks")
public class TracksResource {
    @Inject
    Ingestor ingestor;

    public record Accepted(String trackId, int segments, boolean zeroPadded) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("id") String id, @Context RoutingContext ctx)
            throws Exception {
        if (file == null) {
            return ErrorAnswers.json(400, "multipart field 'file' is missing");
        }
        // The slot was taken before the body was read (UploadSlotRoute), and goes back when the exchange ends.
        if (ctx.get(UploadSlotRoute.SLOT) == null) {
            throw new IllegalStateException("an upload reached the resource without an upload slot");
        }
        try {
            TrackPublisher.Published p = ingestor.ingest(file.uploadedFile(), id, file.fileName());
            return Response.ok(new Accepted(p.trackId(), p.segments(), p.zeroPadded())).build();
        } catch (Ingestor.BadId e) {
            return ErrorAnswers.json(400, e.getMessage());
        } catch (Ingestor.Conflict e) {
            return ErrorAnswers.json(409, e.getMessage());
        } catch (Ingestor.RejectedAudio e) {
            return ErrorAnswers.json(422, e.getMessage());
        } catch (TrackClaims.Unavailable e) {
            return Response.status(503).header("Retry-After", 10).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "the service is still loading the track ids taken so far; retry it later")).build();
        } catch (TrackPublisher.Unavailable e) {
            // Kafka did not confirm the track (stalled or unreachable brokers); uploading it again is safe.
            return Response.status(503).header("Retry-After", 10).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "Kafka did not confirm the upload in time; retry it later")).build();
        } catch (IOException e) {
            return ErrorAnswers.json(500, "the upload could not be read");
        }
    }
}
