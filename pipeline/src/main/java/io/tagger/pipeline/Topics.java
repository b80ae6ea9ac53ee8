package io.tagger.pipeline;

import io.tagger.producer.AudioSegments;

/**
 * The pipeline's topics (docs/design.md). Records are keyed by track id; {@code track-tags} is keyed by
 * (track id, model version) so that compaction keeps one record per track and model version (see
 * {@link #trackTagsKey}), and is partitioned by the track id alone.
 */
public final class Topics {
    /** AudioSegment: a track's segments, published in one transaction. */
    public static final String AUDIO_IN = AudioSegments.TOPIC;
    /** SegmentFeatures: the 13 model inputs of one segment. */
    public static final String SEGMENT_FEATURES = "segment-features";
    /** TrackTags: compacted, one record per track and model version. */
    public static final String TRACK_TAGS = "track-tags";
    /**
     * Compacted: key a caller-chosen track id, value the SHA-256 (64 hex digits, UTF-8) of the file
     * it was accepted with, written by the ingest service in the same transaction as the track's
     * segments. Binds the id to that content: a different file under the id is refused (409).
     */
    public static final String TRACK_IDS = "track-ids";
    /** DeadLetter: what failed, where, why, with the original record. */
    public static final String DLQ = "tagging-dlq";

    private Topics() {
    }

    /**
     * The {@code track-tags} key: {@code TRACK_ID@MODEL_NAME:MODEL_VERSION}. Track ids never hold
     * {@code @} ({@link io.tagger.producer.TrackIds#validate}), so the track id is everything before the first one.
     */
    public static String trackTagsKey(String trackId, String modelName, String modelVersion) {
        return trackId + '@' + modelName + ':' + modelVersion;
    }

    /** The track id of a {@code track-tags} key (a bare track id is accepted as well). */
    public static String trackIdOfTagsKey(String key) {
        int at = key.indexOf('@');
        return at < 0 ? key : key.substring(0, at);
    }
}
