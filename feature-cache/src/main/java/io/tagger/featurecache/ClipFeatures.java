package io.tagger.featurecache;

import java.util.List;

/**
 * The features of every segment of one clip, as the model reads them: float32, row-major
 * {@code rows x frames} per output, in the settings' output order.
 */
public record ClipFeatures(String clipId, List<Segment> segments) {

    /** One segment: {@code values[o]} is output o's matrix, {@code rows[o] x frames[o]}. */
    public record Segment(int index, boolean zeroPadded, int[] rows, int[] frames, float[][] values) {
    }
}
