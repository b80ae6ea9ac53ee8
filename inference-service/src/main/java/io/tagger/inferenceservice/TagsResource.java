package io.tagger.inferenceservice;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.proto.v1.TrackTags;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /tracks/{id}/tags} (the newest model version's TrackTags of a track, or
 * {@code ?version=}) and {@code GET /tracks/{id}/versions} (all of them), from the service's global
 * store of {@code track-tags}.
 */
@Path("/tracks")
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
    @Path("/{id}/tags")
    @Produces(MediaType.APPLICATION_JSON)
    public Response tags(@PathParam("id") String id, @QueryParam("version") String version) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store = store();
        if (store == null) {
            return notReady();
        }
        List<TrackTags> all = versions(store, id);
        Optional<TrackTags> chosen = version == null || version.isBlank()
                ? all.stream().max(Comparator.comparingLong(TrackTags::getTaggedTimeMs))
                : all.stream().filter(t -> version.equals(t.getModelVersion())
                        || version.equals(t.getModelName() + ":" + t.getModelVersion())).findFirst();
        return chosen.map(t -> Response.ok(TagsView.of(t)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no tags for track " + id
                        + (version == null || version.isBlank() ? "" : " by model version " + version))).build());
    }

    /** Every model version's tags of the track, oldest first (to compare versions after a re-tag). */
    @GET
    @Path("/{id}/versions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response allVersions(@PathParam("id") String id) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store = store();
        if (store == null) {
            return notReady();
        }
        List<TrackTags> all = versions(store, id);
        if (all.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no tags for track " + id)).build();
        }
        return Response.ok(all.stream().sorted(Comparator.comparingLong(TrackTags::getTaggedTimeMs)).map(TagsView::of).toList()).build();
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(InferenceTopology.LATEST,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private static Response notReady() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("error", "the tag store is not ready yet (the service is starting or rebalancing)")).build();
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
