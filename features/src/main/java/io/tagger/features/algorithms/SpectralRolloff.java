package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * {@code mirrolloff(x,'Frame')}: frequency of the first bin where the cumulative magnitude (not
 * power) reaches {@code threshold} of the frame's total; a bin frequency, not interpolated.
 * NaN where the relative spectral RMS is below {@code minRms}.
 */
public final class SpectralRolloff {
    public static final String NAME = "rolloff";

    /**
     * @param threshold fraction of the total, in (0, 1], default 0.85
     * @param minRms    MinRMS threshold, in [0, 1], default 0.005
     */
    public record Config(double threshold, double minRms) {
        public Config {
            Check.inRange("threshold", threshold, Double.MIN_VALUE, 1);
            Check.inRange("minRms", minRms, 0, 1);
        }

        public static Config defaults() {
            return new Config(0.85, 0.005);
        }
    }

    private final Config config;

    public SpectralRolloff(Config config) {
        this.config = config;
    }

    public FeatureMatrix compute(MagnitudeSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        double[] m = s.magnitudes();
        double[] f = s.frequencies();
        boolean[] quiet = s.belowRelativeRms(config.minRms());
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            if (quiet[i]) {
                out[i] = Double.NaN;
                continue;
            }
            int base = i * bins;
            double total = 0;
            for (int k = 0; k < bins; k++) {
                total += m[base + k];
            }
            double target = config.threshold() * total;
            double cs = 0;
            out[i] = Double.NaN;
            for (int k = 0; k < bins; k++) {
                cs += m[base + k];
                if (cs >= target) {
                    out[i] = f[k];
                    break;
                }
            }
        }
        return FeatureMatrix.ofFrames(NAME, out, s.framing());
    }
}
