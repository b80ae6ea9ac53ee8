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
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < bins; k++) {
                min = Math.min(min, m[base + k]);
            }
            double sum = 0;
            double fsum = 0;
            for (int k = 0; k < bins; k++) {
                double d = m[base + k] + min;
                sum += d;
                fsum += f[k] * d;
            }
            double ci = fsum / sum;
            double inv = 1 / sum;
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            for (int k = 0; k < bins; k++) {
                double p = (m[base + k] + min) * inv;
                double dev = f[k] - ci;
                double dev2 = dev * dev;
                m2 += dev2 * p;
                m3 += dev2 * dev * p;
                m4 += dev2 * dev2 * p;
            }
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
