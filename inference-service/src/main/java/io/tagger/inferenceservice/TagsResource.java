package io.tagger.inferenceservice;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.proto.v1.TrackTags;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /tracks/{id}/tags}: the latest TrackTags of a track, from the service's global store. */
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

    @GET
    @Path("/{id}/tags")
    @Produces(MediaType.APPLICATION_JSON)
    public Response tags(@PathParam("id") String id) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store;
        try {
            store = streams.store(StoreQueryParameters.fromNameAndType(InferenceTopology.LATEST,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("error", "the tag store is not ready yet (the service is starting or rebalancing)")).build();
        }
        byte[] v = store.get(id);
        if (v == null) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no tags for track " + id)).build();
        }
        return Response.ok(TagsView.of(TrackTags.parseFrom(v))).build();
    }
}
