package io.tagger.features.algorithms;

import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.MagnitudeSpectrogram;

/**
 * {@code mirflux(x,'Frame')}: Euclidean distance between the magnitude spectra of successive
 * frames, {@code ||X_{j+1}| - |X_j|||}, no normalisation. One value fewer than frames; each value
 * is stamped with the later frame's position.
 */
public final class SpectralFlux {
    public static final String NAME = "flux";

    private SpectralFlux() {
    }

    public static FeatureMatrix compute(MagnitudeSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        double[] m = s.magnitudes();
        int n = Math.max(0, frames - 1);
        double[] out = new double[n];
        double[] fs = new double[n];
        double[] fe = new double[n];
        Framing framing = s.framing();
        for (int j = 0; j < n; j++) {
            int a = j * bins;
            int b = a + bins;
            double d2 = 0;
            for (int k = 0; k < bins; k++) {
                double d = m[b + k] - m[a + k];
                d2 += d * d;
            }
            out[j] = Math.sqrt(d2);
            fs[j] = framing.startTime(j + 1);
            fe[j] = framing.endTime(j + 1);
        }
        return new FeatureMatrix(NAME, 1, n, out, fs, fe);
    }
}
