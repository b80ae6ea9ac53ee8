package io.tagger.features;

/** Deterministic test signals. */
final class Signals {
    private Signals() {
    }

    /** A C-major triad with clicks at 120 BPM and a little noise: every feature has content. */
    static double[] chordAndClicks(int n, double sr) {
        double[] x = new double[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double t = i / sr;
            double v = 0.2 * Math.sin(2 * Math.PI * 261.63 * t) + 0.15 * Math.sin(2 * Math.PI * 329.63 * t)
                    + 0.15 * Math.sin(2 * Math.PI * 392.0 * t);
            double beat = t % 0.5;
            if (beat < 0.01) {
                v += 0.5 * Math.exp(-beat * 400) * Math.sin(2 * Math.PI * 1000 * t);
            }
            x[i] = v + 0.001 * rnd.nextGaussian();
        }
        return x;
    }
}
