package io.tagger.features;

/**
 * MIRtoolbox's un-chunked frame decomposition ({@code mirframe.m}), with its exact arithmetic:
 * <pre>
 *   l = L*sr (unfloored), h = hop*l (ratio) or hop*sr (seconds), l = floor(l)
 *   n = floor((N - l)/h) + 1, start_i = floor((i-1)*h + 1)  (1-based)
 * </pre>
 * No partial last frame and no padding. When not even one frame fits, the whole signal is one
 * frame (MIRtoolbox: "Frame length longer than total sequence size"), whose nominal length
 * stays {@code l}.
 *
 * <p>With {@code preSilence} (onset detection), frames are laid as MIRtoolbox does after
 * prepending silence: {@code n = floor((N - floor(h))/h) + 1} and every start is moved back by
 * {@code l - floor(h)}; samples before the signal read as zeros.
 */
public final class Framing {
    private final double sampleRate;
    private final int sampleCount;
    private final int length;
    private final double hop;
    private final int count;
    private final boolean whole;
    private final boolean preSilence;

    private Framing(double sampleRate, int sampleCount, int length, double hop, int count,
                    boolean whole, boolean preSilence) {
        this.sampleRate = sampleRate;
        this.sampleCount = sampleCount;
        this.length = length;
        this.hop = hop;
        this.count = count;
        this.whole = whole;
        this.preSilence = preSilence;
    }

    static Framing of(FrameSpec spec, double sampleRate, int sampleCount, boolean preSilence) {
        if (sampleCount < 1) {
            throw new IllegalArgumentException("cannot frame an empty signal");
        }
        double lReal = spec.lengthSeconds() * sampleRate;
        double h = spec.hopUnit() == FrameSpec.HopUnit.RATIO ? spec.hop() * lReal : spec.hop() * sampleRate;
        int l = (int) Math.floor(lReal);
        if (l < 1) {
            throw new IllegalArgumentException("frame of " + spec.lengthSeconds() + " s is shorter than one sample at "
                    + sampleRate + " Hz");
        }
        double n = preSilence
                ? Math.floor((sampleCount - Math.floor(h)) / h) + 1
                : Math.floor((sampleCount - l) / h) + 1;
        if (n < 1) {
            return new Framing(sampleRate, sampleCount, l, h, 1, true, preSilence);
        }
        return new Framing(sampleRate, sampleCount, l, h, (int) n, false, preSilence);
    }

    /** Frame decomposition with MIRtoolbox's pre-silence layout (see class comment). */
    public static Framing withPreSilence(FrameSpec spec, double sampleRate, int sampleCount) {
        return of(spec, sampleRate, sampleCount, true);
    }

    public int count() {
        return count;
    }

    /** Nominal frame length {@code l} in samples (MIRtoolbox's 'Length'). */
    public int length() {
        return length;
    }

    /** Samples actually in each frame: {@code l}, or the whole signal when no frame fits. */
    public int frameSamples() {
        return whole ? sampleCount : length;
    }

    /** True when no full frame fitted and the whole signal is the single frame. */
    public boolean isWholeSignal() {
        return whole;
    }

    public double hop() {
        return hop;
    }

    public double sampleRate() {
        return sampleRate;
    }

    public int sampleCount() {
        return sampleCount;
    }

    /** 0-based index of the first sample of frame {@code i} (0-based); negative with pre-silence. */
    public int start(int i) {
        if (whole) {
            return 0;
        }
        int st = (int) Math.floor(i * hop + 1) - 1;
        if (preSilence) {
            st = st - length + (int) Math.floor(hop);
        }
        return st;
    }

    /** Time of the first sample of frame {@code i}, in seconds (MIRtoolbox's FramePos(1,i)). */
    public double startTime(int i) {
        return start(i) / sampleRate;
    }

    /** Time of the last sample of frame {@code i}, in seconds (MIRtoolbox's FramePos(2,i)). */
    public double endTime(int i) {
        return (start(i) + frameSamples() - 1) / sampleRate;
    }
}
