package io.tagger.inferenceservice;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.proto.v1.TrackProgress;
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
    @Path("/{id: .+}/tags")
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
    @Path("/{id: .+}/versions")
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
    public Response search(@QueryParam("q") String q, @QueryParam("tag") String tag, @QueryParam("min") Float min,
                           @QueryParam("version") String version, @QueryParam("limit") Integer limit) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> store = store();
        if (store == null) {
            return notReady();
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
    public Response status(@PathParam("id") String id) throws InvalidProtocolBufferException {
        ReadOnlyKeyValueStore<String, byte[]> tags = store();
        if (tags == null) {
            return notReady();
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
            return notReady();
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
