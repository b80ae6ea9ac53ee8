package io.tagger.features;

import java.util.Locale;

/** The 13 frame-level features of the paper, with MIRtoolbox's default frames. */
public enum Feature {
    RMS(1, FrameSpec.ratio(0.05, 0.5)),
    ZEROCROSS(1, FrameSpec.ratio(0.05, 0.5)),
    PULSECLARITY(1, FrameSpec.ratio(5, 0.1)),
    BEATSPECTRUM(1, FrameSpec.ratio(0.05, 0.5)),
    FLUX(1, FrameSpec.ratio(0.05, 0.5)),
    CENTROID(1, FrameSpec.ratio(0.05, 0.5)),
    ROLLOFF(1, FrameSpec.ratio(0.05, 0.5)),
    FLATNESS(1, FrameSpec.ratio(0.05, 0.5)),
    ENTROPY(1, FrameSpec.ratio(0.05, 0.5)),
    SKEWNESS(1, FrameSpec.ratio(0.05, 0.5)),
    KURTOSIS(1, FrameSpec.ratio(0.05, 0.5)),
    CHROMAGRAM(12, FrameSpec.ratio(0.2, 0.05)),
    MFCC(13, FrameSpec.ratio(0.05, 0.5));

    private final int rows;
    private final FrameSpec defaultFrame;

    Feature(int rows, FrameSpec defaultFrame) {
        this.rows = rows;
        this.defaultFrame = defaultFrame;
    }

    /** Rows of the output matrix: 12 for the chromagram, 13 for MFCC, else 1. */
    public int rows() {
        return rows;
    }

    /** MIRtoolbox's frame for {@code mirX(f,'Frame')}. */
    public FrameSpec defaultFrame() {
        return defaultFrame;
    }

    /** The lower-case key used in JSON, model inputs and MIRtoolbox's function names. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for features computed from the shared magnitude spectrogram. */
    public boolean spectral() {
        return switch (this) {
            case FLUX, CENTROID, ROLLOFF, FLATNESS, ENTROPY, SKEWNESS, KURTOSIS, MFCC, BEATSPECTRUM -> true;
            default -> false;
        };
    }

    public static Feature fromKey(String key) {
        for (Feature f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + key + "'");
    }
}
