package io.tagger.features.spectrum;

import io.tagger.features.Framing;

/**
 * The minimum and maximum of every frame of a framing. When every frame starts on a multiple of
 * one block length that also divides the frame length (the chromagram's 0.2 s frames on a
 * 0.01 s hop: 20 blocks of 160 samples), each frame's extrema are those of its blocks: one pass
 * over the samples and a few comparisons per frame, no per-sample arrays. Otherwise
 * {@link RunningExtrema} (van Herk / Gil-Werman) gives every window in O(1) per sample. The
 * samples must be finite (validated by the extractor): plain comparisons, no NaN handling.
 */
public final class FrameExtrema {
    private final double[] min;
    private final double[] max;

    private FrameExtrema(double[] min, double[] max) {
        this.min = min;
        this.max = max;
    }

    public static FrameExtrema of(double[] signal, int offset, Framing framing) {
        int frames = framing.count();
        int l = framing.frameSamples();
        double[] min = new double[frames];
        double[] max = new double[frames];
        int block = blockLength(framing);
        if (block > 0) {
            int blocks = (framing.start(frames - 1) + l) / block;
            double[] bmin = new double[blocks];
            double[] bmax = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                int from = offset + b * block;
                double mn = signal[from];
                double mx = mn;
                for (int k = from + 1; k < from + block; k++) {
                    double v = signal[k];
                    mn = v < mn ? v : mn;
                    mx = v > mx ? v : mx;
                }
                bmin[b] = mn;
                bmax[b] = mx;
            }
            int per = l / block;
            for (int i = 0; i < frames; i++) {
                int first = framing.start(i) / block;
                double mn = bmin[first];
                double mx = bmax[first];
                for (int b = first + 1; b < first + per; b++) {
                    mn = bmin[b] < mn ? bmin[b] : mn;
                    mx = bmax[b] > mx ? bmax[b] : mx;
                }
                min[i] = mn;
                max[i] = mx;
            }
        } else {
            RunningExtrema running = new RunningExtrema(signal, offset, framing.sampleCount(), l);
            for (int i = 0; i < frames; i++) {
                min[i] = running.min(offset + framing.start(i));
                max[i] = running.max(offset + framing.start(i));
            }
        }
        return new FrameExtrema(min, max);
    }

    /** The hop as a block length if every frame starts at {@code i * hop} and hop divides the frame; else 0. */
    static int blockLength(Framing framing) {
        int frames = framing.count();
        int l = framing.frameSamples();
        if (frames < 2) {
            return 0;
        }
        int block = framing.start(1) - framing.start(0);
        if (block <= 0 || l % block != 0 || framing.start(0) != 0) {
            return 0;
        }
        for (int i = 0; i < frames; i++) {
            if (framing.start(i) != i * block) {
                return 0;
            }
        }
        return block;
    }

    public double min(int frame) {
        return min[frame];
    }

    public double max(int frame) {
        return max[frame];
    }
}
