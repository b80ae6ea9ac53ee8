package io.tagger.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * One feature's output: {@code rows x frames} values (row-major), and for each frame the time of
 * its first and last sample (MIRtoolbox's FramePos). NaN is a legal value: it is part of
 * MIRtoolbox's definition (MinRMS rules, silent chroma frames).
 */
public final class FeatureMatrix {
    private final String name;
    private final int rows;
    private final int frames;
    private final double[] values;
    private final double[] frameStart;
    private final double[] frameEnd;

    public FeatureMatrix(String name, int rows, int frames, double[] values, double[] frameStart, double[] frameEnd) {
        this.name = Objects.requireNonNull(name, "name");
        if (rows < 1 || frames < 0) {
            throw new IllegalArgumentException("bad shape " + rows + " x " + frames);
        }
        if (values.length != rows * frames || frameStart.length != frames || frameEnd.length != frames) {
            throw new IllegalArgumentException("arrays do not match the shape " + rows + " x " + frames);
        }
        this.rows = rows;
        this.frames = frames;
        this.values = values;
        this.frameStart = frameStart;
        this.frameEnd = frameEnd;
    }

    /** A one-row feature whose frames are those of {@code framing}. */
    public static FeatureMatrix ofFrames(String name, double[] values, Framing framing) {
        int n = values.length;
        double[] fs = new double[n];
        double[] fe = new double[n];
        for (int i = 0; i < n; i++) {
            fs[i] = framing.startTime(i);
            fe[i] = framing.endTime(i);
        }
        return new FeatureMatrix(name, 1, n, values, fs, fe);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int frames() {
        return frames;
    }

    public double get(int row, int frame) {
        return values[row * frames + frame];
    }

    /** Row-major values (the live array: callers must not modify it). */
    public double[] values() {
        return values;
    }

    public double[] row(int r) {
        return Arrays.copyOfRange(values, r * frames, (r + 1) * frames);
    }

    public double[] frameStart() {
        return frameStart;
    }

    public double[] frameEnd() {
        return frameEnd;
    }

    @Override
    public String toString() {
        return name + "[" + rows + " x " + frames + "]";
    }
}
