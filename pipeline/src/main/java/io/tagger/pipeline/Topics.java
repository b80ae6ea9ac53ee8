package io.tagger.pipeline;

/** The pipeline's topics (DESIGN.md). Every record is keyed by track id. */
public final class Topics {
    /** AudioSegment: a track's segments, published in one transaction. */
    public static final String AUDIO_IN = "audio-in";
    /** SegmentFeatures: the 13 model inputs of one segment. */
    public static final String SEGMENT_FEATURES = "segment-features";
    /** TrackTags: compacted, the latest tags of each track. */
    public static final String TRACK_TAGS = "track-tags";
    /** DeadLetter: what failed, where, why, with the original record. */
    public static final String DLQ = "tagging-dlq";

    private Topics() {
    }
}
