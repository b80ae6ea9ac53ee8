package io.tagger.features.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tagger.features.spectrum.FftSize;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chromagram sums a semitone's dB values as one logarithm of a product; this holds it to the
 * per-bin definition ({@code DecibelScale.apply} on every bin) over the whole dB range allowed,
 * with powers down to 1e-25 of the maximum (products that would leave double's range unfolded)
 * and NaN (silent) frames.
 */
class ChromaSemitoneSumTest {
    @ParameterizedTest(name = "dB range {0}")
    @ValueSource(doubles = {20, 60, 200})
    void semitoneSumsEqualPerBinSums(double range) {
        double sr = 16000;
        int n = 4096;
        double[] freqs = FftSize.binFrequencies(sr, n);
        int lo = 26;
        int top = 832;
        Chromagram.ChromaMap map = new Chromagram.ChromaMap(freqs, lo, top, 261.6256, sr, n);
        int kept = top - lo + 1;
        Random random = new Random(7);
        double maxDb = 0; // the largest power is 1
        double floor = Math.pow(10, (maxDb - range) / 10) * (1 - 1e-9);
        Chromagram.DecibelScale scale = new Chromagram.DecibelScale(range, maxDb, floor);
        for (int frame = 0; frame < 50; frame++) {
            double[] powers = new double[kept];
            for (int k = 0; k < kept; k++) {
                powers[k] = frame == 3 ? Double.NaN : Math.pow(10, -25 * random.nextDouble());
            }
            powers[random.nextInt(kept)] = 1;
            double[] classes = new double[12];
            map.apply(powers, 0, scale, classes);
            double[] expected = new double[12];
            for (int s = 0; s < map.count.length; s++) {
                double acc = 0;
                for (int k = 0; k < map.count[s]; k++) {
                    acc += scale.apply(powers[map.semitoneOfBinStart[s] + k]) * map.weight[s];
                }
                expected[map.pitchClass[s]] += acc;
            }
            for (int c = 0; c < 12; c++) {
                assertEquals(expected[c], classes[c], 1e-12 * Math.max(1, Math.abs(expected[c])),
                        "frame " + frame + ", class " + c);
            }
        }
    }
}
