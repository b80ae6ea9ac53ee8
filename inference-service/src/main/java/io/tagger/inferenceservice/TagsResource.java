package io.tagger.inferenceservice;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.proto.v1.TrackProgress;
import io.tagger.proto.v1.TrackTags;
import io.tagger.access.http.Problem;
import io.tagger.access.http.ProblemDocument;
import io.tagger.access.http.Roles;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /tracks/{id}/tags} (the newest model version's TrackTags of a track, or
 * {@code ?version=}) and {@code GET /tracks/{id}/versions} (all of them), from the service's global
 * store of {@code track-tags}. Reader role (an uploader key holds it too); errors are problem details.
 */
@Path("/tracks")
@Tag(name = "tracks", description = "Tags of tracks, from the track-tags store")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No key, or not a valid one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
@APIResponse(responseCode = "429", description = "Over the key's rate (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
@APIResponse(responseCode = "503", description = "The tag store is not ready yet (starting or rebalancing; Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
public class TagsResource {
    @Inject
    KafkaStreams streams;

    /** The JSON form of a TrackTags. */
    public record TagsView(String trackId, String model, String version, Map<String, Float> scores, List<String> tags,
                           int segmentCount, int segmentsScored, List<List<Float>> segmentScores, long taggedTimeMs) {
        static TagsView of(TrackTags t) {
            Map<String, Float> scores = new LinkedHashMap<>();
            t.getScoresList().forEach(s -> scores.put(s.getTag(), s.getScore()));
            return new TagsView(t.getTrackId(), t.getModelName(), t.getModelVersion(), scores, t.getTagsList(),
                    t.getSegmentCount(), t.getSegmentsScored(),
                    t.getSegmentsList().stream().map(s -> List.copyOf(s.getScoresList())).toList(), t.getTaggedTimeMs());
        }
    }

    /**
     * The track's tags by the newest model version that tagged it, or by {@code version} (the
     * model version, or {@code name:version}) when given.
     */
    @GET
    @Path("/{id: .+}/tags")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A track's tags", description = "The newest model version's 50 scores and tags of the track, or those of ?version=.")
    @APIResponse(responseCode = "200", description = "The tags", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagsView.class)))
    @APIResponse(responseCode = "404", description = "No tags for the track (yet, or by that version)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public Response tags(@Parameter(description = "The track id") @PathParam("id") String id,
                         @Parameter(description = "A model version, or NAME:VERSION") @QueryParam("version") String version,
                         @Context UriInfo uri) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store = store();
        if (store == null) {
            return notReady(uri);
        }
        List<TrackTags> all = versions(store, id);
        Optional<TrackTags> chosen = version == null || version.isBlank()
                ? all.stream().max(Comparator.comparingLong(TrackTags::getTaggedTimeMs))
                : all.stream().filter(t -> version.equals(t.getModelVersion())
                        || version.equals(t.getModelName() + ":" + t.getModelVersion())).findFirst();
        return chosen.map(t -> Response.ok(TagsView.of(t)).build())
                .orElseGet(() -> Problem.of(Problem.Type.NOT_FOUND, "no tags for track " + id
                        + (version == null || version.isBlank() ? "" : " by model version " + version), path(uri)).response());
    }

    /** Every model version's tags of the track, oldest first (to compare versions after a re-tag). */
    @GET
    @Path("/{id: .+}/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A track's tags by every model version", description = "Oldest first: to compare versions after a re-tag.")
    @APIResponse(responseCode = "200", description = "The tags by version")
    @APIResponse(responseCode = "404", description = "No tags for the track yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public Response allVersions(@Parameter(description = "The track id") @PathParam("id") String id, @Context UriInfo uri)
            throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store = store();
        if (store == null) {
            return notReady(uri);
        }
        List<TrackTags> all = versions(store, id);
        if (all.isEmpty()) {
            return Problem.of(Problem.Type.NOT_FOUND, "no tags for track " + id, path(uri)).response();
        }
        return Response.ok(all.stream().sorted(Comparator.comparingLong(TrackTags::getTaggedTimeMs)).map(TagsView::of).toList()).build();
    }

    /** One line of a search result: a track's newest tags (or those of {@code version}). */
    public record TrackSummary(String trackId, String model, String version, long taggedTimeMs, List<String> tags,
                               Map<String, Float> top) {
    }

    /**
     * Recently tagged tracks, newest first: {@code q} (a track id prefix), {@code tag} with
     * {@code min} (only tracks whose score of that tag is at least min), {@code version}, {@code limit}.
     * Scans the tag store: fine for a service's recent tracks, not a catalogue-wide index.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Browse and search tagged tracks", description = "Newest first; scans the tag store (a service's recent "
            + "tracks, not a catalogue-wide index).")
    @APIResponse(responseCode = "200", description = "The tracks")
    public Response search(@Parameter(description = "A track id prefix") @QueryParam("q") String q,
                           @Parameter(description = "Only tracks whose score of this tag is at least min") @QueryParam("tag") String tag,
                           @Parameter(description = "The tag's least score (0.5)") @QueryParam("min") Float min,
                           @Parameter(description = "Only this model version") @QueryParam("version") String version,
                           @Parameter(description = "At most this many, 1-500 (50)") @QueryParam("limit") Integer limit,
                           @Context UriInfo uri) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store = store();
        if (store == null) {
            return notReady(uri);
        }
        int n = limit == null ? 50 : Math.max(1, Math.min(limit, 500));
        float threshold = min == null ? 0.5f : min;
        Map<String, TrackTags> newest = new LinkedHashMap<>();
        try (KeyValueIterator<String, byte[]> it = q == null || q.isBlank() ? store.all() : store.prefixScan(q, new StringSerializer())) {
            while (it.hasNext()) {
                TrackTags t = TrackTags.parseFrom(it.next().value);
                if (version != null && !version.isBlank() && !version.equals(t.getModelVersion())) {
                    continue;
                }
                TrackTags seen = newest.get(t.getTrackId());
                if (seen == null || seen.getTaggedTimeMs() < t.getTaggedTimeMs()) {
                    newest.put(t.getTrackId(), t);
                }
            }
        }
        List<TrackSummary> out = newest.values().stream()
                .filter(t -> tag == null || tag.isBlank() || t.getScoresList().stream()
                        .anyMatch(s -> s.getTag().equals(tag) && s.getScore() >= threshold))
                .sorted(Comparator.comparingLong(TrackTags::getTaggedTimeMs).reversed()).limit(n)
                .map(t -> {
                    Map<String, Float> top = new LinkedHashMap<>();
                    t.getScoresList().stream().sorted(Comparator.comparingDouble(s -> -s.getScore())).limit(5)
                            .forEach(s -> top.put(s.getTag(), s.getScore()));
                    return new TrackSummary(t.getTrackId(), t.getModelName(), t.getModelVersion(), t.getTaggedTimeMs(), t.getTagsList(), top);
                }).toList();
        return Response.ok(out).build();
    }

    /** Where a track is: tagged, or features arriving (how many segments so far), or not seen here yet. */
    public record TrackStatus(String trackId, String stage, int segmentCount, int segmentsWithFeatures, int segmentsScored) {
    }

    @GET
    @Path("/{id: .+}/status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where a track is", description = "tagged; features (how many segments so far); or waiting (not seen here yet).")
    @APIResponse(responseCode = "200", description = "The track's stage", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrackStatus.class)))
    public Response status(@Parameter(description = "The track id") @PathParam("id") String id, @Context UriInfo uri)
            throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> tags = store();
        if (tags == null) {
            return notReady(uri);
        }
        List<TrackTags> all = versions(tags, id);
        if (!all.isEmpty()) {
            TrackTags t = all.get(0);
            return Response.ok(new TrackStatus(id, "tagged", t.getSegmentCount(), t.getSegmentsScored(), t.getSegmentsScored())).build();
        }
        int pending = 0;
        int scored = 0;
        int count = 0;
        try {
            ReadOnlyKeyValueStore<String, byte[]> progress = streams.store(StoreQueryParameters.fromNameAndType(
                    InferenceTopology.PROGRESS, QueryableStoreTypes.keyValueStore()));
            ReadOnlyKeyValueStore<String, byte[]> waiting = streams.store(StoreQueryParameters.fromNameAndType(
                    InferenceTopology.PENDING, QueryableStoreTypes.keyValueStore()));
            byte[] p = progress.get(id);
            if (p != null) {
                TrackProgress tp = TrackProgress.parseFrom(p);
                scored = tp.getSegmentsCount();
                count = tp.getSegmentCount();
            }
            try (KeyValueIterator<String, byte[]> it = waiting.prefixScan(id + '\u0000', new StringSerializer())) {
                while (it.hasNext()) {
                    byte[] v = it.next().value;
                    pending++;
                    if (count == 0) {
                        count = io.tagger.proto.v1.SegmentFeatures.parseFrom(v).getSegmentCount();
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            return notReady(uri);
        }
        String stage = pending + scored > 0 ? "features" : "waiting";
        return Response.ok(new TrackStatus(id, stage, count, pending + scored, scored)).build();
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(InferenceTopology.LATEST,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private static Response notReady(UriInfo uri) {
        return Problem.of(Problem.Type.UNAVAILABLE, "the tag store is not ready yet (the service is starting or rebalancing)", path(uri))
                .withHeader("Retry-After", "5").response();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    static List<TrackTags> versions(ReadOnlyKeyValueStore<String, byte[]> store, String id) throws InvalidProtocolBufferException {
        List<TrackTags> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(id + "@", new StringSerializer())) {
            while (it.hasNext()) {
                out.add(TrackTags.parseFrom(it.next().value));
            }
        }
        return out;
    }
}
