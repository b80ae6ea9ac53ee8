package io.tagger.features.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagger.features.FeatureMatrix;
import io.tagger.features.FrameSpec;
import io.tagger.features.Framing;
import io.tagger.features.ReferenceSignals;
import io.tagger.features.spectrum.FftSize;
import io.tagger.features.spectrum.Windows;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The block route of the onset energies against the direct per-frame sums (within 1e-10 of the
 * largest frame energy), and pulse clarity through each route on MIRtoolbox's reference signals
 * read at rates that take the block route.
 */
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
            // Rounding errors are absolute (a few 1e-16 of the largest energy, seen up to 1e-11).
            assertEquals(direct[i], fast[i], 1e-10 * max, "frame " + i);
        }
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({
            "noise, 16000", "clicks120, 16000", "clicks120_dither, 16000", "chord_drums, 16000", "sine440, 16000",
            "chord_drums, 44100", "clicks120, 8000",
    })
    void pulseClarityIsTheSameThroughEitherRoute(String name, double sr) throws Exception {
        double[] x = ReferenceSignals.wav(name).samples();
        for (PulseClarity.Config config : new PulseClarity.Config[] {PulseClarity.Config.paper(),
                PulseClarity.Config.defaults()}) {
            FeatureMatrix blocks = new PulseClarity(config).compute(x, 0, x.length, sr);
            FeatureMatrix direct = new PulseClarity(config, true).compute(x, 0, x.length, sr);
            double[] a = blocks.values();
            double[] e = direct.values();
            assertEquals(e.length, a.length);
            assertTrue(e.length > 0);
            for (int i = 0; i < e.length; i++) {
                if (Double.isNaN(e[i])) {
                    assertTrue(Double.isNaN(a[i]), "frame " + i + ": NaN through one route only");
                    continue;
                }
                // Silent frames' values are ~1e-17 in both routes: hence the absolute floor.
                assertEquals(e[i], a[i], Math.max(1e-9 * Math.abs(e[i]), 1e-12), config + ", frame " + i);
            }
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
