package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * {@code mirflatness(x,'Frame')}: geometric over arithmetic mean of each frame's magnitudes
 * (all bins, DC and Nyquist included), linear; an infinite ratio reads 0. NaN where the relative
 * spectral RMS is below {@code minRms}.
 */
public final class SpectralFlatness {
    public static final String NAME = "flatness";

    /** @param minRms MinRMS threshold, in [0, 1], default 0.01 */
    public record Config(double minRms) {
        public Config {
            Check.inRange("minRms", minRms, 0, 1);
        }

        public static Config defaults() {
            return new Config(0.01);
        }
    }

    private final Config config;

    public SpectralFlatness(Config config) {
        this.config = config;
    }

    public FeatureMatrix compute(MagnitudeSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        double[] m = s.magnitudes();
        boolean[] quiet = s.belowRelativeRms(config.minRms());
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            if (quiet[i]) {
                out[i] = Double.NaN;
                continue;
            }
            int base = i * bins;
            double sum = 0;
            // The product of all magnitudes, kept as mantissa * 2^exponent so that it neither
            // underflows nor costs a pow() per bin; MATLAB's prod(m.^(1/n)) agrees to rounding.
            double mant = 1;
            long exp = 0;
            boolean zero = false;
            for (int k = 0; k < bins; k++) {
                double v = m[base + k];
                sum += v;
                if (v == 0) {
                    zero = true;
                }
                mant *= v;
                if ((k & 15) == 15 && mant != 0) {
                    int e = Math.getExponent(mant);
                    mant = Math.scalb(mant, -e);
                    exp += e;
                }
            }
            double ari = sum / bins;
            double geo;
            if (zero || mant == 0) {
                geo = 0;
            } else {
                geo = Math.exp((Math.log(mant) + exp * Math.log(2)) / bins);
            }
            double flat = geo / ari;
            out[i] = Double.isInfinite(flat) ? 0 : flat;
        }
        return FeatureMatrix.ofFrames(NAME, out, s.framing());
    }
}
