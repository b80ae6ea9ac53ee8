package io.tagger.features.algorithms;

import io.tagger.features.Feature;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.MagnitudeSpectrogram;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beat spectrum of a whole file (./tagger features --settings mirtoolbox) reads only the
 * first {@code l} columns of the frames' similarity matrix ({@code l}: the frames up to the
 * longest lag, 4 s), so it must cost memory in proportion to the frames, not their square: the
 * full matrix of a 9.7-minute file at 50 ms / 0.5 frames is 23,280^2 doubles, 4.3 GB (#20 B).
 */
class BeatSpectrumMemoryTest {
    private static final int RATE = 16000;

    static double[] signal(int n) {
        double[] x = new double[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            double t = i / (double) RATE;
            x[i] = 0.3 * Math.sin(2 * Math.PI * 220 * t) * (t % 0.5 < 0.05 ? 1 : 0.2) + 0.01 * r.nextGaussian();
        }
        return x;
    }

    static MagnitudeSpectrogram spectrogram(double[] x) {
        Framing f = Feature.BEATSPECTRUM.defaultFrame().frame(RATE, x.length);
        return MagnitudeSpectrogram.compute(x, 0, f, 66.0, false);
    }

    @Test
    void aLongFilesBeatSpectrumAllocatesInProportionToItsFrames() {
        MagnitudeSpectrogram s = spectrogram(signal(RATE * 582)); // 9.7 minutes, 23,280 frames
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        FeatureMatrix b = new BeatSpectrum(BeatSpectrum.Config.defaults()).compute(s);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(b.frames()).isEqualTo(160); // lags up to 4 s
        // The MFCCs (23 x 23,280 doubles, twice) and a 23,280 x 160 band: ~40 MB; the full matrix was 4.3 GB.
        assertThat(allocated).as("bytes allocated").isLessThan(150_000_000L);
    }

    @Test
    void theBandGivesWhatTheFullMatrixGave() {
        for (int seconds : new int[]{3, 10, 31}) {
            MagnitudeSpectrogram s = spectrogram(signal(RATE * seconds));
            FeatureMatrix now = new BeatSpectrum(BeatSpectrum.Config.defaults()).compute(s);
            double[] full = fullMatrixBeatSpectrum(s, 4);
            // The same similarities; since #22 the lag sums go through the FFT, so they agree to
            // rounding (the MIRtoolbox comparisons allow 1e-6 relative).
            assertThat(now.values()).as(seconds + " s").hasSameSizeAs(full);
            for (int i = 0; i < full.length; i++) {
                assertThat(now.values()[i]).as(seconds + " s, lag " + i)
                        .isCloseTo(full[i], org.assertj.core.data.Offset.offset(Math.abs(full[i]) * 1e-10 + 1e-13));
            }
        }
    }

    /** The computation as it was before #20: the whole n x n similarity matrix. */
    static double[] fullMatrixBeatSpectrum(MagnitudeSpectrogram s, double maxLagSeconds) {
        FeatureMatrix coefficients = new Mfcc(new Mfcc.Config(40, 8, 30)).compute(s, "mfcc8-30");
        int n = coefficients.frames();
        int dims = coefficients.rows();
        double[] c = coefficients.values();
        double[] unit = new double[n * dims];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dims; d++) {
                norm += c[d * n + i] * c[d * n + i];
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < dims; d++) {
                unit[i * dims + d] = c[d * n + i] / norm;
            }
        }
        double[] sim = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double v = 0;
                for (int d = 0; d < dims; d++) {
                    v += unit[a * dims + d] * unit[b * dims + d];
                }
                sim[a * n + b] = v;
                sim[b * n + a] = v;
            }
        }
        double[] ends = coefficients.frameEnd();
        int l = n;
        for (int i = 0; i < n; i++) {
            if (ends[i] > maxLagSeconds) {
                l = i + 1;
                break;
            }
        }
        double[] out = new double[l];
        for (int lag = 0; lag < l; lag++) {
            int cols = l - lag;
            double total = 0;
            for (int r = 0; r < n; r++) {
                double acc = 0;
                for (int j = 0; j < cols; j++) {
                    acc += sim[r * n + j] * sim[r * n + j + lag];
                }
                total += acc;
            }
            out[lag] = total / ((double) n * cols);
        }
        return out;
    }
}
