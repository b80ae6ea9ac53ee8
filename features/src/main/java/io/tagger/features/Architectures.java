package io.tagger.features;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The feature settings of the paper's three architectures, and MIRtoolbox's own defaults.
 * <ul>
 *   <li><b>mirtoolbox</b>: every feature with {@code mirX(f,'Frame')} defaults, plus
 *       {@code pulseclarity_1s} (the paper's 1 s / 0.1 s); for whole files at any rate.</li>
 *   <li><b>a</b>: MIRtoolbox's defaults per feature, pulse clarity 1 s frames / 0.1 s hop.</li>
 *   <li><b>b</b>, <b>c</b>: for each feature the longest frame that gives exactly 243 (b) or 128
 *       (c) frames per segment, hop at MIRtoolbox's default ratio (pulse clarity: 27 / 32 frames
 *       of the onset curve, hop 0.1 of the frame). Frame lengths are chosen as
 *       {@code (l + 0.5)/rate} so that {@code floor(L*rate)} is exactly {@code l} in floating
 *       point.</li>
 * </ul>
 */
public final class Architectures {
    /** docs/design.md: model input unit, 2.91 s at 16 kHz. */
    public static final int SAMPLE_RATE = 16000;
    public static final int SEGMENT_SAMPLES = 46560;
    /** docs/design.md: segments a track is cut into (an MTAT clip's 29.1 s: 10 segments of 2.91 s). */
    public static final int SEGMENTS_PER_TRACK = 10;

    private Architectures() {
    }

    /** {@code mirtoolbox}, {@code a}, {@code b} or {@code c} (case-insensitive). */
    public static FeatureSettings named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mirtoolbox" -> mirtoolbox();
            case "a" -> a(SAMPLE_RATE, SEGMENT_SAMPLES);
            case "b" -> fixedFrames("b", 243, 27, SAMPLE_RATE, SEGMENT_SAMPLES);
            case "c" -> fixedFrames("c", 128, 32, SAMPLE_RATE, SEGMENT_SAMPLES);
            default -> throw new IllegalArgumentException(
                    "unknown feature settings '" + name + "' (expected mirtoolbox, a, b or c)");
        };
    }

    public static FeatureSettings mirtoolbox() {
        Map<String, FeatureSettings.Output> out = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            out.put(f.key(), new FeatureSettings.Output(f, f.defaultFrame()));
            if (f == Feature.PULSECLARITY) {
                out.put("pulseclarity_1s", new FeatureSettings.Output(f, FrameSpec.seconds(1, 0.1)));
            }
        }
        return new FeatureSettings("mirtoolbox", 0, 0, out);
    }

    public static FeatureSettings a(int sampleRate, int segmentSamples) {
        Map<String, FeatureSettings.Output> out = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            FrameSpec frame = f == Feature.PULSECLARITY ? FrameSpec.seconds(1, 0.1) : f.defaultFrame();
            out.put(f.key(), new FeatureSettings.Output(f, frame));
        }
        return new FeatureSettings("a", sampleRate, segmentSamples, out);
    }

    public static FeatureSettings fixedFrames(String name, int frames, int pulseFrames, int sampleRate,
                                              int segmentSamples) {
        Map<String, FeatureSettings.Output> out = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            FrameSpec frame;
            if (f == Feature.PULSECLARITY) {
                frame = pulseClarityFrame(pulseFrames, sampleRate, segmentSamples);
            } else {
                // Flux gives one value fewer than frames.
                int target = f == Feature.FLUX ? frames + 1 : frames;
                frame = longestFrameGiving(target, f.defaultFrame().hop(), sampleRate, segmentSamples);
            }
            out.put(f.key(), new FeatureSettings.Output(f, frame));
        }
        return new FeatureSettings(name, sampleRate, segmentSamples, out);
    }

    /** The longest frame (hop ratio fixed) that lays exactly {@code target} frames on the samples. */
    static FrameSpec longestFrameGiving(int target, double hopRatio, double rate, int samples) {
        for (int l = samples; l >= 2; l--) {
            FrameSpec spec = FrameSpec.ratio((l + 0.5) / rate, hopRatio);
            Framing framing = spec.frame(rate, samples);
            if (!framing.isWholeSignal() && framing.count() == target) {
                return spec;
            }
            if (!framing.isWholeSignal() && framing.count() > target) {
                break;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "no frame length gives exactly %d frames (hop %s) on %d samples at %s Hz", target, hopRatio, samples, rate));
    }

    static FrameSpec pulseClarityFrame(int target, int sampleRate, int segmentSamples) {
        // The onset curve of a segment: its length and rate depend only on the segment length.
        var curve = io.tagger.features.algorithms.PulseClarity.onsetCurveShape(segmentSamples, sampleRate);
        return longestFrameGiving(target, 0.1, curve.rate(), curve.samples());
    }
}
