package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;
import io.tagger.features.spectrum.MelLogEnergies;

/**
 * {@code mirbeatspectrum(x,'Frame')}: MFCC ranks 8..30 of each frame, their full cosine
 * similarity matrix {@code S}, and the lag curve
 * {@code B(i) = mean(mean(S(:,1:l-i+1) .* S(:,i:l)))}, {@code i = 1..l}, where {@code l} stops at
 * the first frame ending after {@code maxLagSeconds}. One value per lag, not per frame; the
 * positions are those of the first {@code l} frames. With MIRtoolbox's outer {@code 'Frame'}
 * the MFCC frames are the generic 50 ms / 0.5 ones. Only S's first {@code l} columns are
 * computed: memory and time grow with the frames, not with their square.
 */
public final class BeatSpectrum {
    public static final String NAME = "beatspectrum";

    /** @param maxLagSeconds longest lag, in (0, 60], default 4 */
    public record Config(double maxLagSeconds) {
        public Config {
            Check.inRange("maxLagSeconds", maxLagSeconds, Double.MIN_VALUE, 60);
        }

        public static Config defaults() {
            return new Config(4);
        }
    }

    private final Config config;
    /** Mel bands of the MFCCs the similarity matrix compares. */
    public static final int MEL_BANDS = 40;
    private final Mfcc mfcc = new Mfcc(new Mfcc.Config(MEL_BANDS, 8, 30));

    public BeatSpectrum(Config config) {
        this.config = config;
    }

    public FeatureMatrix compute(MagnitudeSpectrogram s) {
        return compute(MelLogEnergies.compute(s, MEL_BANDS));
    }

    /** From log mel energies of {@value #MEL_BANDS} bands (shared with the MFCC feature). */
    public FeatureMatrix compute(MelLogEnergies mel) {
        FeatureMatrix coefficients = mfcc.compute(mel, "mfcc8-30");
        int n = coefficients.frames();
        int dims = coefficients.rows();
        double[] c = coefficients.values();
        // Unit vectors per frame, frame-major, so that S(a,b) is a dot product.
        double[] unit = new double[n * dims];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dims; d++) {
                double v = c[d * n + i];
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < dims; d++) {
                unit[i * dims + d] = c[d * n + i] / norm;
            }
        }
        double[] ends = coefficients.frameEnd();
        int l = n;
        for (int i = 0; i < n; i++) {
            if (ends[i] > config.maxLagSeconds()) {
                l = i + 1;
                break;
            }
        }
        // B reads S only in its first l columns: keep that n x l band (n x n doubles was 4.3 GB
        // for a 9.7-minute file). S is symmetric and dot(a, b) == dot(b, a) bit for bit, so the
        // band holds exactly the values of the full matrix.
        double[] band = new double[n * l];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < l; j++) {
                band[r * l + j] = dot(unit, r, j, dims);
            }
        }
        // B(lag) sums S(r, j) * S(r, j + lag) over all rows r and columns j = 0..l-lag-1. Summed
        // as one axpy per (r, j) into every lag at once: the inner loop is over lags, with no
        // loop-carried sum, so the JIT vectorises it (the same products, added in another order).
        double[] totals = new double[l];
        for (int r = 0; r < n; r++) {
            int row = r * l;
            for (int j = 0; j < l; j++) {
                double sj = band[row + j];
                int base = row + j;
                int lags = l - j;
                for (int lag = 0; lag < lags; lag++) {
                    totals[lag] += sj * band[base + lag];
                }
            }
        }
        double[] out = new double[l];
        for (int lag = 0; lag < l; lag++) {
            out[lag] = totals[lag] / ((double) n * (l - lag));
        }
        double[] fs = java.util.Arrays.copyOf(coefficients.frameStart(), l);
        double[] fe = java.util.Arrays.copyOf(ends, l);
        return new FeatureMatrix(NAME, 1, l, out, fs, fe);
    }

    private static double dot(double[] unit, int a, int b, int dims) {
        double s = 0;
        int x = a * dims;
        int y = b * dims;
        for (int d = 0; d < dims; d++) {
            s += unit[x + d] * unit[y + d];
        }
        return s;
    }
}
