package io.tagger.features.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagger.features.spectrum.FftSize;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chromagram sums a semitone's dB values as one logarithm of a product; this holds it to the
 * per-bin definition ({@code ChromaMap.applyPerBin}) over dB ranges from 1e-6 to 200, with powers
 * spread over the whole range and beyond it (products that would leave double's range unfolded),
 * powers just above the floor (where the definition's clip acts), zeros, NaN bins and NaN
 * (silent) frames, and a floor that underflows to 0.
 */
class ChromaSemitoneSumTest {
    @ParameterizedTest(name = "dB range {0}, largest power {1}")
    @CsvSource({"20, 1", "60, 1", "200, 1", "0.5, 1", "1e-3, 1", "1e-6, 1", "200, 1e-305", "20, 1e300"})
    void semitoneSumsEqualPerBinSums(double range, double maxPower) {
        double sr = 16000;
        int n = 4096;
        double[] freqs = FftSize.binFrequencies(sr, n);
        int lo = 26;
        int top = 832;
        Chromagram.ChromaMap map = new Chromagram.ChromaMap(freqs, lo, top, 261.6256, sr, n);
        int kept = top - lo + 1;
        Random random = new Random(7);
        double maxDb = Math.log10(maxPower) * 10;
        double floor = Math.pow(10, (maxDb - range) / 10) * (1 - 1e-9);
        Chromagram.DecibelScale scale = new Chromagram.DecibelScale(range, maxDb, floor);
        for (int frame = 0; frame < 60; frame++) {
            double[] powers = new double[kept];
            for (int k = 0; k < kept; k++) {
                double u = random.nextDouble();
                powers[k] = switch (frame % 6) {
                    case 0 -> maxPower * Math.pow(10, -range / 10 * 1.5 * u); // over the range and below it
                    case 1 -> maxPower * Math.pow(10, -25 * u);
                    case 2 -> floor * (1 + 1e-8 * (u - 0.3)); // around the floor, clipped and not
                    case 3 -> u < 0.2 ? 0 : u < 0.3 ? Double.NaN : maxPower * u;
                    case 4 -> frame == 4 ? Double.NaN : maxPower * Math.pow(10, -range / 10 * u);
                    default -> maxPower * u;
                };
            }
            powers[random.nextInt(kept)] = maxPower;
            double[] classes = new double[12];
            map.apply(powers, 0, scale, classes);
            double[] expected = new double[12];
            map.applyPerBin(powers, 0, scale, expected);
            double largest = 0;
            for (double e : expected) {
                largest = Math.max(largest, Math.abs(e));
            }
            for (int c = 0; c < 12; c++) {
                assertTrue(Double.isFinite(classes[c]), "frame " + frame + ", class " + c + ": " + classes[c]);
                // Relative to the frame's largest class (the chromagram divides by it next), and
                // never tighter than 1e-13 dB: at tiny ranges both ways sum values of ~1e-7 dB that
                // the rounding of the powers themselves already moves by ~1e-16 dB a bin.
                assertEquals(expected[c], classes[c], Math.max(1e-11 * largest, 1e-13),
                        "frame " + frame + ", class " + c);
            }
        }
    }
}
