package io.tagger.features.spectrum;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RealFft#open}: this thread's idle transforms reused, never shared, results unchanged. */
class RealFftPoolTest {
    @Test
    void aClosedTransformIsReusedByTheNextOpenOfItsSizeOnlyAndANestedOpenGetsAnother() {
        RealFft first;
        try (RealFft f = RealFft.open(512)) {
            first = f;
            try (RealFft nested = RealFft.open(512)) {
                assertThat(nested).as("in use: not handed out twice").isNotSameAs(f);
            }
        }
        try (RealFft again = RealFft.open(512); RealFft other = RealFft.open(256)) {
            assertThat(again).isSameAs(first);
            assertThat(other).isNotSameAs(first);
            assertThat(other.size()).isEqualTo(256);
        }
    }

    @Test
    void aReusedTransformGivesTheBitsOfAFreshOneWhateverItsLastUserLeft() {
        Random random = new Random(11);
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] expected;
        try (RealFft fresh = new RealFft(1024)) {
            System.arraycopy(x, 0, fresh.input(), 0, 700);
            fresh.forward(700);
            expected = fresh.spectrum().clone();
        }
        try (RealFft f = RealFft.open(1024)) { // a longer frame and garbage left behind
            System.arraycopy(x, 0, f.input(), 0, 1000);
            java.util.Arrays.fill(f.input(), 1000, 1024, 42.0);
            f.forward(1000);
        }
        try (RealFft f = RealFft.open(1024)) {
            System.arraycopy(x, 0, f.input(), 0, 700);
            f.forward(700);
            assertThat(f.spectrum()).containsExactly(expected);
        }
    }

    @Test
    void aThreadKeepsAtMostAFewIdleTransformsAndClosingTwiceGivesBackOnce() {
        List<RealFft> open = new ArrayList<>();
        for (int i = 0; i < RealFft.MAX_IDLE_PER_THREAD + 3; i++) {
            open.add(RealFft.open(64));
        }
        open.forEach(RealFft::close);
        assertThat(RealFft.idleOnThisThread()).isEqualTo(RealFft.MAX_IDLE_PER_THREAD);
        RealFft f = RealFft.open(64);
        f.close();
        f.close();
        assertThat(RealFft.idleOnThisThread()).isEqualTo(RealFft.MAX_IDLE_PER_THREAD);
        try (RealFft a = RealFft.open(64); RealFft b = RealFft.open(64)) {
            assertThat(a).isNotSameAs(b);
        }
    }

    @Test
    void windowsAreComputedOnceAndEqualTheirDefinitions() {
        assertThat(Windows.hamming(3200)).isSameAs(Windows.hamming(3200)).containsExactly(Windows.computeHamming(3200));
        assertThat(Windows.hanning(320)).isSameAs(Windows.hanning(320)).containsExactly(Windows.computeHanning(320));
        assertThat(Windows.hamming(1)).containsExactly(1.0);
        assertThat(Windows.hamming(5)).containsExactly(new double[]{0.08, 0.54, 1.0, 0.54, 0.08}, org.assertj.core.data.Offset.offset(1e-15));
    }
}
