package io.tagger.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which features are computed, under which output keys, with which frames: a value object that a
 * model bundle stores and that the pipeline compares (a model refuses features computed with
 * other settings). {@link #id()} is a short, stable digest of the content.
 *
 * @param name           a label: {@code mirtoolbox}, {@code a}, {@code b}, {@code c}, or custom
 * @param sampleRate     the sample rate the settings were made for, 0 for any
 * @param segmentSamples the segment length they were made for, 0 for any (whole files)
 * @param outputs        output key -> (feature, frame), in output order
 */
public record FeatureSettings(String name, int sampleRate, int segmentSamples, Map<String, Output> outputs) {

    /** One computed output: a feature with its frame decomposition. */
    public record Output(Feature feature, FrameSpec frame) {
        public Output {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(frame, "frame");
        }
    }

    public FeatureSettings {
        Objects.requireNonNull(name, "name");
        if (sampleRate < 0 || segmentSamples < 0) {
            throw new IllegalArgumentException("sample rate and segment length must not be negative");
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("settings with no output");
        }
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The output keys in order. */
    public List<String> keys() {
        return new ArrayList<>(outputs.keySet());
    }

    /**
     * A digest of everything that changes the numbers: 12 hex digits, stable across runs and
     * machines, written into messages and model bundles.
     */
    public String id() {
        StringBuilder canonical = new StringBuilder();
        canonical.append(sampleRate).append('|').append(segmentSamples);
        for (Map.Entry<String, Output> e : outputs.entrySet()) {
            FrameSpec f = e.getValue().frame();
            canonical.append('|').append(e.getKey()).append('=').append(e.getValue().feature().key())
                    .append(':').append(Double.toString(f.lengthSeconds()))
                    .append(':').append(Double.toString(f.hop()))
                    .append(':').append(f.hopUnit());
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                hex.append(String.format(Locale.ROOT, "%02x", d[i]));
            }
            return name + "-" + hex;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when both compute the same numbers (names may differ). */
    public boolean sameComputation(FeatureSettings other) {
        return sampleRate == other.sampleRate && segmentSamples == other.segmentSamples
                && outputs.equals(other.outputs);
    }
}
