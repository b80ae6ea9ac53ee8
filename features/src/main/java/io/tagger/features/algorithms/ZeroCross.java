package io.tagger.features.algorithms;

import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;

/**
 * {@code mirzerocross(x,'Frame')} with its defaults {@code 'Per','Second'} and {@code 'Dir','One'}:
 * the number of sign changes in the frame ({@code x[n] x[n-1] < 0}; an exact zero product does
 * not count), divided by the frame's sample count, times {@code sr/2}.
 */
public final class ZeroCross {
    public static final String NAME = "zerocross";

    private ZeroCross() {
    }

    public static FeatureMatrix compute(double[] signal, int offset, Framing framing) {
        int n = framing.count();
        int len = framing.frameSamples();
        double sr = framing.sampleRate();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int st = offset + framing.start(i);
            int crossings = 0;
            for (int k = 1; k < len; k++) {
                if (signal[st + k] * signal[st + k - 1] < 0) {
                    crossings++;
                }
            }
            out[i] = (double) crossings / len * sr / 2;
        }
        return FeatureMatrix.ofFrames(NAME, out, framing);
    }
}
