package io.tagger.pipeline;

import java.util.List;

/**
 * Scores a batch of segments: {@code batch.get(i)[o]} holds segment i's input o (float32,
 * {@code rows x frames}); returns {@code [segment][tag]}. The inference service implements it
 * with the model bundle on DJL's TensorFlow engine; it is called from one stream thread at a time.
 */
@FunctionalInterface
public interface SegmentScorer {
    float[][] score(List<float[][]> batch);
}
