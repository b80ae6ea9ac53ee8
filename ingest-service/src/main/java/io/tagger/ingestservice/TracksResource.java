package io.tagger.ingestservice;

import io.tagger.pipeline.TrackPublisher;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /tracks} (multipart: {@code file}, optional {@code id}): decodes the upload and
 * publishes its segments; answers the track id and segment count. Undecodable audio: 422 with the
 * reason (and a DLQ record); a body over {@code quarkus.http.limits.max-body-size}: 413.
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
    public Response upload(@RestForm("file") FileUpload file, @RestForm("id") String id) throws IOException {
        if (file == null) {
            return Response.status(400).entity(Map.of("error", "multipart field 'file' is missing")).build();
        }
        try {
            TrackPublisher.Published p = ingestor.ingest(file.uploadedFile(), id, file.fileName());
            return Response.ok(new Accepted(p.trackId(), p.segments(), p.zeroPadded())).build();
        } catch (Ingestor.RejectedAudio e) {
            return Response.status(422).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
