package io.tagger.consumer.example;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.proto.v1.TrackTags;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest tags of each track, built from {@code track-tags} records as docs/consuming.md says:
 * one record per (track, model version), keyed {@code TRACK_ID@MODEL_NAME:MODEL_VERSION}; a later
 * record of the same key replaces the earlier one, a tombstone (null value) removes it. A track's
 * latest tags are those of the pinned model version, or else of the version that tagged it last
 * ({@code tagged_time_ms}, as the pipeline's own {@code GET /tracks/{id}/tags} chooses). Not
 * thread-safe.
 */
public final class LatestTrackTags {
    private final String pinnedVersion;
    /** track id -> ("NAME:VERSION" -> its TrackTags). */
    private final Map<String, Map<String, TrackTags>> byTrack = new HashMap<>();

    /**
     * @param pinnedVersion {@code MODEL_NAME:MODEL_VERSION} to read only that version's tags, or
     *                      null for the version that tagged each track last
     */
    public LatestTrackTags(String pinnedVersion) {
        this.pinnedVersion = pinnedVersion;
    }

    /**
     * Applies one {@code track-tags} record.
     *
     * @return the track's latest tags after it (empty when it has none, e.g. none of the pinned version)
     * @throws InvalidProtocolBufferException where the value is not a TrackTags
     */
    public Optional<String> apply(String key, byte[] value) throws InvalidProtocolBufferException {
        int at = key.indexOf('@');
        if (value == null) { // a tombstone: that (track, version) is gone
            if (at > 0) {
                Map<String, TrackTags> versions = byTrack.get(key.substring(0, at));
                if (versions != null) {
                    versions.remove(key.substring(at + 1));
                }
            }
            return at > 0 ? Optional.of(key.substring(0, at)) : Optional.empty();
        }
        TrackTags t = TrackTags.parseFrom(value);
        byTrack.computeIfAbsent(t.getTrackId(), k -> new HashMap<>()).put(version(t), t);
        return Optional.of(t.getTrackId());
    }

    /** {@code MODEL_NAME:MODEL_VERSION} of a record: what follows the {@code @} of its key. */
    public static String version(TrackTags t) {
        return t.getModelName() + ':' + t.getModelVersion();
    }

    /** Whether every segment the track was cut into reached the model. */
    public static boolean complete(TrackTags t) {
        return t.getSegmentsScored() >= t.getSegmentCount();
    }

    /** The track's latest tags, if any. */
    public Optional<TrackTags> latest(String trackId) {
        Map<String, TrackTags> versions = byTrack.getOrDefault(trackId, Map.of());
        if (pinnedVersion != null) {
            return Optional.ofNullable(versions.get(pinnedVersion));
        }
        return versions.values().stream().max(Comparator.comparingLong(TrackTags::getTaggedTimeMs));
    }

    /** Every track's latest tags, by track id. */
    public Map<String, TrackTags> latest() {
        Map<String, TrackTags> out = new TreeMap<>();
        for (String track : byTrack.keySet()) {
            latest(track).ifPresent(t -> out.put(track, t));
        }
        return out;
    }
}
