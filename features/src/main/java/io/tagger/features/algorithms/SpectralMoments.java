package io.tagger.features.algorithms;

import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * The moments of each frame's spectral distribution, as {@code mircentroid}, {@code mirspread},
 * {@code mirskewness} and {@code mirkurtosis} define them: MIRtoolbox's {@code peaksegments}
 * adds the frame's smallest magnitude to every bin ({@code d = |X| + min|X|}), then
 * {@code p = d / sum d}; centroid {@code c = sum f p}, spread {@code s = sqrt(sum (f-c)^2 p)},
 * skewness {@code sum (f-c)^3 p / s^3}, kurtosis {@code sum (f-c)^4 p / s^4} (no -3).
 * No NaN rules here: the features apply their own.
 */
public final class SpectralMoments {
    private final double[] centroid;
    private final double[] spread;
    private final double[] skewness;
    private final double[] kurtosis;

    private SpectralMoments(double[] centroid, double[] spread, double[] skewness, double[] kurtosis) {
        this.centroid = centroid;
        this.spread = spread;
        this.skewness = skewness;
        this.kurtosis = kurtosis;
    }

    public static SpectralMoments compute(MagnitudeSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        double[] f = s.frequencies();
        double[] m = s.magnitudes();
        double[] c = new double[frames];
        double[] sd = new double[frames];
        double[] sk = new double[frames];
        double[] ku = new double[frames];
        for (int i = 0; i < frames; i++) {
            int base = i * bins;
            // Plain comparison: magnitudes are finite (a NaN frame gives NaN moments either way).
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < bins; k++) {
                double v = m[base + k];
                min = v < min ? v : min;
            }
            // Even and odd bins in separate accumulators: two independent dependency chains
            // per sum (the same terms, added in another order).
            double sum0 = 0;
            double sum1 = 0;
            double fsum0 = 0;
            double fsum1 = 0;
            int k = 0;
            for (; k + 1 < bins; k += 2) {
                double d0 = m[base + k] + min;
                double d1 = m[base + k + 1] + min;
                sum0 += d0;
                sum1 += d1;
                fsum0 += f[k] * d0;
                fsum1 += f[k + 1] * d1;
            }
            if (k < bins) {
                double d = m[base + k] + min;
                sum0 += d;
                fsum0 += f[k] * d;
            }
            double sum = sum0 + sum1;
            double ci = (fsum0 + fsum1) / sum;
            double inv = 1 / sum;
            double m2a = 0;
            double m2b = 0;
            double m3a = 0;
            double m3b = 0;
            double m4a = 0;
            double m4b = 0;
            for (k = 0; k + 1 < bins; k += 2) {
                double p0 = (m[base + k] + min) * inv;
                double p1 = (m[base + k + 1] + min) * inv;
                double dev0 = f[k] - ci;
                double dev1 = f[k + 1] - ci;
                double sq0 = dev0 * dev0;
                double sq1 = dev1 * dev1;
                m2a += sq0 * p0;
                m2b += sq1 * p1;
                m3a += sq0 * dev0 * p0;
                m3b += sq1 * dev1 * p1;
                m4a += sq0 * sq0 * p0;
                m4b += sq1 * sq1 * p1;
            }
            if (k < bins) {
                double p = (m[base + k] + min) * inv;
                double dev = f[k] - ci;
                double dev2 = dev * dev;
                m2a += dev2 * p;
                m3a += dev2 * dev * p;
                m4a += dev2 * dev2 * p;
            }
            double m2 = m2a + m2b;
            double m3 = m3a + m3b;
            double m4 = m4a + m4b;
            double sigma = Math.sqrt(m2);
            c[i] = ci;
            sd[i] = sigma;
            sk[i] = m3 / (sigma * sigma * sigma);
            ku[i] = m4 / (m2 * m2);
        }
        return new SpectralMoments(c, sd, sk, ku);
    }

    public double[] centroid() {
        return centroid;
    }

    public double[] spread() {
        return spread;
    }

    public double[] skewness() {
        return skewness;
    }

    public double[] kurtosis() {
        return kurtosis;
    }
}
