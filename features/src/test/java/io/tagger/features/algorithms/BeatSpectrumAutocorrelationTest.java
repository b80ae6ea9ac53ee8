package io.tagger.features.algorithms;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class BeatSpectrumAutocorrelationTest {
    @Test
    void theFftSumOfRowAutocorrelationsEqualsTheDirectSums() {
        Random random = new Random(5);
        for (int l : new int[]{1, 2, 3, 64, 115, 160, 301}) {
            int n = l + 17;
            double[] a = new double[n * l];
            for (int i = 0; i < a.length; i++) {
                a[i] = 2 * random.nextDouble() - 0.5;
            }
            double[] fast = BeatSpectrum.autocorrelationSum(a, n, l);
            assertThat(fast).hasSize(l);
            for (int lag = 0; lag < l; lag++) {
                double direct = 0;
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j + lag < l; j++) {
                        direct += a[r * l + j] * a[r * l + j + lag];
                    }
                }
                assertThat(fast[lag]).as("l " + l + ", lag " + lag).isCloseTo(direct, offset(1e-10 * (1 + Math.abs(direct))));
            }
        }
    }
}
