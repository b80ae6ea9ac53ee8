package io.tagger.ingestservice;

import io.tagger.access.http.Problem;
import io.tagger.access.http.ProblemDocument;
import io.tagger.access.http.Roles;
import io.tagger.ingestservice.access.UploadSlotRoute;
import io.tagger.producer.TrackPublisher;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;

/**
 * {@code POST /tracks} (multipart: {@code file}, optional {@code id}; uploader role): decodes the
 * upload and publishes its segments; answers 202 Accepted with the track id and segment count and
 * {@code Location: /tracks/{id}/tags}, where the tags appear once the pipeline has tagged the
 * track (asynchronously, usually within seconds). Every accepted upload is 202, a re-upload of a
 * track already tagged too: the service publishes it again either way (the pipeline drops the
 * repeat) and does not know whether it was tagged, and the Location then answers the tags at once.
 * What the file is, is decided by its content (FFmpeg's probe), never by its name or declared
 * type: anything FFmpeg cannot decode as audio is 422 with the reason (and a DLQ record). A track
 * id that breaks the rules (among them: no id of the content-id form other than the file's own) is
 * 400; a file under an id taken by different content is 409 (see {@link Ingestor}). A body over
 * {@code quarkus.http.limits.max-body-size}: 413; more uploads at a time than allowed: 429, before
 * the body is read ({@link UploadSlotRoute}). Every error is problem details.
 */
@Path("/tracks")
@Tag(name = "tracks", description = "Upload audio; read tags (proxied to the inference service)")
public class TracksResource {
    @Inject
    Ingestor ingestor;

    @Schema(name = "Accepted", description = "An upload the pipeline is tagging")
    public record Accepted(@Schema(description = "The track id: the chosen one, else the content id") String trackId,
                           @Schema(description = "Segments published to audio-in") int segments,
                           @Schema(description = "True when the audio was shorter than one segment and padded with silence") boolean zeroPadded) {
    }

    /** The multipart form of an upload, for the OpenAPI document. */
    @Schema(name = "Upload")
    public static final class UploadForm {
        @Schema(type = SchemaType.STRING, format = "binary", description = "The audio file (any format FFmpeg decodes)", required = true)
        public String file;
        @Schema(description = "A chosen track id (optional; default: the content id, the first 16 hex digits of the file's SHA-256)")
        public String id;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.UPLOADER)
    @SecurityRequirement(name = "apiKey")
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "session")
    @Operation(summary = "Upload a track", description = "Decodes the file, cuts its segments and publishes them to audio-in in one "
            + "transaction; the pipeline then tags the track asynchronously. Needs the uploader role.")
    @APIResponse(responseCode = "202", description = "Accepted: segments published; the tags will be at Location",
            headers = @Header(name = "Location", description = "/tracks/{id}/tags", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "No file, a malformed form, or a track id that breaks the rules", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", description = "No key, or not a valid one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "403", description = "The key has the reader role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "409", description = "The chosen id was taken by other content", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "413", description = "Over the upload size limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "415", description = "Not multipart/form-data", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "422", description = "Not audio FFmpeg can decode, too long, or took too long to decode", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "429", description = "Over the key's rate, too many uploads at a time, or too many failed authentications (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not confirm in time, or the taken ids are still loading (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    public Response upload(@RestForm("file") FileUpload file, @RestForm("id") String id,
                           @Context RoutingContext ctx) throws Exception {
        String path = ctx.request().path();
        if (file == null) {
            return Problem.of(Problem.Type.MALFORMED_UPLOAD, "multipart field 'file' is missing", path).response();
        }
        // The slot was taken before the body was read (UploadSlotRoute), and goes back when the exchange ends.
        if (ctx.get(UploadSlotRoute.SLOT) == null) {
            throw new IllegalStateException("an upload reached the resource without an upload slot");
        }
        try {
            TrackPublisher.Published p = ingestor.ingest(file.uploadedFile(), id, file.fileName());
            return Response.accepted(new Accepted(p.trackId(), p.segments(), p.zeroPadded()))
                    .header("Location", tagsLocation(p.trackId())).build();
        } catch (Ingestor.BadId e) {
            return Problem.of(Problem.Type.INVALID_TRACK_ID, e.getMessage(), path).response();
        } catch (Ingestor.Conflict e) {
            return Problem.of(Problem.Type.TRACK_ID_TAKEN, e.getMessage(), path).response();
        } catch (Ingestor.RejectedAudio e) {
            return Problem.of(Problem.Type.AUDIO_REFUSED, e.getMessage(), path).response();
        } catch (TrackClaims.Unavailable e) {
            return Problem.of(Problem.Type.UNAVAILABLE, "the service is still loading the track ids taken so far; retry it later", path)
                    .withHeader("Retry-After", "10").response();
        } catch (TrackPublisher.Unavailable e) {
            // Kafka did not confirm the track (stalled or unreachable brokers); uploading it again is safe.
            return Problem.of(Problem.Type.UNAVAILABLE, "Kafka did not confirm the upload in time; retry it later", path)
                    .withHeader("Retry-After", "10").response();
        } catch (IOException e) {
            return Problem.of(Problem.Type.INTERNAL, "the upload could not be read", path).response();
        }
    }

    /** Where a track's tags will be: {@code /tracks/ID/tags}, the id percent-encoded as one path segment. */
    static String tagsLocation(String trackId) {
        return "/tracks/" + InferenceUris.encode(trackId) + "/tags";
    }
}
