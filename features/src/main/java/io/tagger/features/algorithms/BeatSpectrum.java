package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;
import io.tagger.features.spectrum.FftSize;
import io.tagger.features.spectrum.MelLogEnergies;
import io.tagger.features.spectrum.RealFft;

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
        // for a 9.7-minute file). Each S(r, j) adds the products over d in the same order as a
        // dot product would, so S(r, j) == S(j, r) bit for bit and the band holds exactly the
        // values of the full matrix; the loop over j is an axpy the JIT vectorises.
        double[][] columns = new double[dims][l]; // the first l unit vectors, dimension-major
        for (int j = 0; j < l; j++) {
            for (int d = 0; d < dims; d++) {
                columns[d][j] = unit[j * dims + d];
            }
        }
        double[] band = new double[n * l];
        double[] acc = new double[l];
        for (int r = 0; r < n; r++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int d = 0; d < dims; d++) {
                double u = unit[r * dims + d];
                double[] column = columns[d];
                // One index for both arrays, so that Java 17's JIT vectorises it.
                for (int j = 0; j < l; j++) {
                    acc[j] += u * column[j];
                }
            }
            System.arraycopy(acc, 0, band, r * l, l);
        }
        double[] totals = autocorrelationSum(band, n, l);
        double[] out = new double[l];
        for (int lag = 0; lag < l; lag++) {
            out[lag] = totals[lag] / ((double) n * (l - lag));
        }
        double[] fs = java.util.Arrays.copyOf(coefficients.frameStart(), l);
        double[] fe = java.util.Arrays.copyOf(ends, l);
        return new FeatureMatrix(NAME, 1, l, out, fs, fe);
    }

    /**
     * {@code T(lag) = sum_r sum_{j < l - lag} A(r, j) A(r, j + lag)} for lag in [0, l): the sum of
     * the rows' linear autocorrelations, through the FFT (Wiener-Khinchin): each row zero-padded
     * to {@code m >= 2l} (so the circular correlation is the linear one), the rows' power spectra
     * summed, and the sum transformed back (a real even spectrum: its inverse transform is the
     * forward transform of its even extension, over m). O(n l log l) instead of O(n l^2); agrees
     * with the direct sums to ~1e-13 relative on the beat spectrum (values are O(0.1..1)).
     */
    static double[] autocorrelationSum(double[] a, int n, int l) {
        int m = FftSize.nextPow2(2.0 * l);
        int half = m / 2;
        double[] power = new double[half + 1];
        double[] totals = new double[l];
        try (RealFft fft = RealFft.open(m)) {
            double[] in = fft.input();
            double[] spectrum = fft.spectrum();
            for (int r = 0; r < n; r++) {
                System.arraycopy(a, r * l, in, 0, l);
                fft.forward(l);
                for (int k = 0; k <= half; k++) {
                    double re = spectrum[2 * k];
                    double im = spectrum[2 * k + 1];
                    power[k] += re * re + im * im;
                }
            }
            in[0] = power[0];
            for (int k = 1; k < half; k++) {
                in[k] = power[k];
                in[m - k] = power[k];
            }
            in[half] = power[half];
            fft.forward(m);
            for (int lag = 0; lag < l; lag++) {
                totals[lag] = spectrum[2 * lag] / m;
            }
        }
        return totals;
    }
}
