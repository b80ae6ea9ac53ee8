package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * {@code mircentroid(x,'Frame')}: centroid of each frame's spectral distribution (see
 * {@link SpectralMoments}). NaN where the relative spectral RMS is below {@code minRms}, and
 * where the spectral entropy exceeds {@code maxEntropy} (so white noise has no centroid).
 */
public final class SpectralCentroid {
    public static final String NAME = "centroid";

    /**
     * @param minRms     MinRMS threshold, in [0, 1], default 0.005
     * @param maxEntropy MaxEntropy threshold, in [0, 1], default 0.95; 1 disables it
     */
    public record Config(double minRms, double maxEntropy) {
        public Config {
            Check.inRange("minRms", minRms, 0, 1);
            Check.inRange("maxEntropy", maxEntropy, 0, 1);
        }

        public static Config defaults() {
            return new Config(0.005, 0.95);
        }
    }

    private final Config config;

    public SpectralCentroid(Config config) {
        this.config = config;
    }

    /**
     * @param entropy the frames' spectral entropy with its own MinRMS rule (MIRtoolbox computes it
     *                with {@code mirentropy} defaults), or null to compute it here
     */
    public FeatureMatrix compute(MagnitudeSpectrogram s, SpectralMoments moments, FeatureMatrix entropy) {
        if (entropy == null) {
            entropy = new SpectralEntropy(SpectralEntropy.Config.defaults()).compute(s);
        }
        boolean[] quiet = s.belowRelativeRms(config.minRms());
        double[] c = moments.centroid();
        double[] out = new double[s.frames()];
        for (int i = 0; i < out.length; i++) {
            boolean tooFlat = config.maxEntropy() < 1 && entropy.get(0, i) > config.maxEntropy();
            out[i] = quiet[i] || tooFlat ? Double.NaN : c[i];
        }
        return FeatureMatrix.ofFrames(NAME, out, s.framing());
    }
}
