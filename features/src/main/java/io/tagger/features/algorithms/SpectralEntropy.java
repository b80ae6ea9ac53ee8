package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * {@code mirentropy(x,'Frame')}: normalised Shannon entropy of each frame's magnitude spectrum,
 * {@code p = |X| / (sum|X| + 1e-12)}, {@code H = -sum p ln(p + 1e-12) / ln(bins)}.
 * NaN where the frame's relative spectral RMS is below {@code minRms}.
 */
public final class SpectralEntropy {
    public static final String NAME = "entropy";

    /** @param minRms MinRMS threshold, in [0, 1], default 0.005 */
    public record Config(double minRms) {
        public Config {
            Check.inRange("minRms", minRms, 0, 1);
        }

        public static Config defaults() {
            return new Config(0.005);
        }
    }

    private final Config config;

    public SpectralEntropy(Config config) {
        this.config = config;
    }

    public FeatureMatrix compute(MagnitudeSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        double[] m = s.magnitudes();
        double logBins = Math.log(bins);
        boolean[] quiet = s.belowRelativeRms(config.minRms());
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            if (quiet[i]) {
                out[i] = Double.NaN;
                continue;
            }
            int base = i * bins;
            // Magnitudes are >= 0, so MIRtoolbox's max(0, m) is m itself.
            double sum = 0;
            for (int k = 0; k < bins; k++) {
                sum += m[base + k];
            }
            double inv = 1 / (sum + 1e-12);
            double h = 0;
            for (int k = 0; k < bins; k++) {
                double p = m[base + k] * inv;
                h -= p * Math.log(p + 1e-12);
            }
            out[i] = h / logBins;
        }
        return FeatureMatrix.ofFrames(NAME, out, s.framing());
    }
}
