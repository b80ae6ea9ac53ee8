package io.tagger.pipeline;

import java.util.List;

/**
 * What the inference stage needs to know of the model it serves: identity, tag order and
 * thresholds, the feature settings it was trained on, and the shape of each input.
 */
public record ServedModel(String name, String version, List<String> tags, float[] thresholds, String featureSettingsId,
                          int segmentsPerTrack, List<String> inputs, int[] rows, int[] frames) {
    public ServedModel {
        if (thresholds.length != tags.size() || rows.length != inputs.size() || frames.length != inputs.size()) {
            throw new IllegalArgumentException("inconsistent model description");
        }
        tags = List.copyOf(tags);
        inputs = List.copyOf(inputs);
    }
}
