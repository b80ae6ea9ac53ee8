package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * {@code mirskewness(x,'Frame')} and {@code mirkurtosis(x,'Frame')}: the third and fourth
 * standardised moments of each frame's spectral distribution (see {@link SpectralMoments};
 * kurtosis is not the excess kurtosis). They use the centroid without the entropy rule
 * (MinRMS {@code centroidMinRms}) and the spread (MinRMS {@code spreadMinRms}); NaN wherever
 * either is NaN.
 */
public final class SpectralSkewness {
    public static final String SKEWNESS = "skewness";
    public static final String KURTOSIS = "kurtosis";

    /**
     * @param centroidMinRms MinRMS of the centroid they use, in [0, 1], default 0.005
     * @param spreadMinRms   MinRMS of the spread they use, in [0, 1], default 0.01
     */
    public record Config(double centroidMinRms, double spreadMinRms) {
        public Config {
            Check.inRange("centroidMinRms", centroidMinRms, 0, 1);
            Check.inRange("spreadMinRms", spreadMinRms, 0, 1);
        }

        public static Config defaults() {
            return new Config(0.005, 0.01);
        }
    }

    private final Config config;

    public SpectralSkewness(Config config) {
        this.config = config;
    }

    public FeatureMatrix skewness(MagnitudeSpectrogram s, SpectralMoments moments) {
        return masked(SKEWNESS, moments.skewness(), s);
    }

    public FeatureMatrix kurtosis(MagnitudeSpectrogram s, SpectralMoments moments) {
        return masked(KURTOSIS, moments.kurtosis(), s);
    }

    private FeatureMatrix masked(String name, double[] values, MagnitudeSpectrogram s) {
        boolean[] a = s.belowRelativeRms(config.centroidMinRms());
        boolean[] b = s.belowRelativeRms(config.spreadMinRms());
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] || b[i] ? Double.NaN : values[i];
        }
        return FeatureMatrix.ofFrames(name, out, s.framing());
    }
}
