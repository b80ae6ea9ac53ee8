package io.tagger.features.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagger.features.FrameSpec;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.FftSize;
import io.tagger.features.spectrum.Windows;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The block route of the onset energies against the direct per-frame sums (1e-10 relative). */
class OnsetFrameEnergiesTest {
    private static final int PRE = PulseClarity.PRE_SILENCE_SAMPLES;

    @ParameterizedTest(name = "{0} Hz, {1} samples, {2}")
    @CsvSource({
            "16000, 46560, noise",
            "16000, 46560, tone",
            "16000, 46560, burst",
            "16000, 1700, noise",
            "44100, 30000, noise",
            "8000, 9000, tone",
            "22050, 30000, noise", // hop 220.5: the direct route on both sides
    })
    void blocksAgreeWithDirectSums(double sr, int length, String kind) {
        int offset = 37;
        double[] signal = signal(kind, offset + length + 11, sr);
        int padded = length + PRE;
        Framing frames = Framing.withPreSilence(FrameSpec.ratio(0.1, 0.1), sr, padded);
        int l = frames.frameSamples();
        int n = FftSize.nextPow2(l);
        double[] window = Windows.hanning(l);
        double[] fast = OnsetFrameEnergies.compute(signal, offset - PRE, PRE, padded, frames, window, n);
        double[] direct = OnsetFrameEnergies.direct(signal, offset - PRE, PRE, padded, frames, window, n);
        assertEquals(direct.length, fast.length);
        double max = 0;
        for (double e : direct) {
            max = Math.max(max, e);
        }
        assertTrue(max > 0, "the test signal has energy");
        for (int i = 0; i < direct.length; i++) {
            // A frame that holds only the window's tails (the signal's first or last samples)
            // sums terms of x^2 for a result of x^2 w^2: a few digits go, hence 1e-10.
            double tol = 1e-10 * Math.max(Math.abs(direct[i]), 1e-6 * max);
            assertEquals(direct[i], fast[i], tol, "frame " + i);
        }
    }

    private static double[] signal(String kind, int size, double sr) {
        Random random = new Random(size);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = switch (kind) {
                case "noise" -> random.nextGaussian() * 0.3;
                case "tone" -> Math.sin(2 * Math.PI * 441 * i / sr) * 0.7 + 0.05;
                // silence, then 0.1 s of noise in the middle: frames of exact zeros beside loud ones
                case "burst" -> Math.abs(i - size / 2) < sr / 20 ? random.nextGaussian() : 0;
                default -> throw new IllegalArgumentException(kind);
            };
        }
        return x;
    }
}
