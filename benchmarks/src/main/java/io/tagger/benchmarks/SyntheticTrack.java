package io.tagger.benchmarks;

import java.util.Random;

/** A deterministic music-like test track: changing chords, a bass line, drums and a little noise. */
final class SyntheticTrack {
    private SyntheticTrack() {
    }

    static double[] render(int samples, double sr, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[samples];
        double[] roots = {261.63, 220.0, 174.61, 196.0};
        double beat = 60.0 / 120;
        for (int i = 0; i < samples; i++) {
            double t = i / sr;
            int bar = (int) (t / (4 * beat)) % roots.length;
            double f = roots[bar];
            double v = 0.12 * Math.sin(2 * Math.PI * f * t) + 0.08 * Math.sin(2 * Math.PI * f * 1.26 * t)
                    + 0.08 * Math.sin(2 * Math.PI * f * 1.5 * t) + 0.1 * Math.sin(2 * Math.PI * f / 2 * t);
            double inBeat = t % beat;
            v += 0.4 * Math.exp(-inBeat * 30) * Math.sin(2 * Math.PI * 60 * inBeat); // kick
            double inEighth = t % (beat / 2);
            v += 0.05 * Math.exp(-inEighth * 200) * rnd.nextGaussian(); // hi-hat
            x[i] = v + 0.002 * rnd.nextGaussian();
        }
        return x;
    }
}
