package io.tagger.features.algorithms;

import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;

/**
 * {@code mirrms(x,'Frame')}: root mean square of each raw (unwindowed) frame,
 * {@code sqrt(sum x^2 / l)} with {@code l} the nominal frame length. Default frames 50 ms, hop 0.5.
 */
public final class Rms {
    public static final String NAME = "rms";

    private Rms() {
    }

    public static FeatureMatrix compute(double[] signal, int offset, Framing framing) {
        int n = framing.count();
        int len = framing.frameSamples();
        double nominal = framing.length();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int st = offset + framing.start(i);
            double e = 0;
            for (int k = 0; k < len; k++) {
                double v = signal[st + k];
                e += v * v;
            }
            out[i] = Math.sqrt(e / nominal);
        }
        return FeatureMatrix.ofFrames(NAME, out, framing);
    }
}
