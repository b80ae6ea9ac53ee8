package io.tagger.features.spectrum;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class FftBackendTest {
    @Test
    void fftwLoadsOnThisMachineAndIsTheDefault() {
        // CI and the services run on linux-x86_64, where the preset ships FFTW: if it stops
        // loading, the speed of #22 is gone silently, so this must fail rather than fall back.
        assertThat(FftwTransform.available()).isTrue();
        assertThat(FftBackend.choose("auto")).isEqualTo(FftBackend.FFTW);
        assertThat(FftBackend.choose("JTransforms")).isEqualTo(FftBackend.JTRANSFORMS);
        assertThatThrownBy(() -> FftBackend.choose("fastest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tagger.fft");
    }

    @Test
    void bothBackendsGiveTheSameSpectrumAsADirectDft() {
        Random random = new Random(3);
        for (int size : new int[]{2, 4, 8, 64, 1024, 4096}) {
            for (int length : new int[]{size, size * 3 / 4, 1}) {
                double[] x = new double[size];
                for (int i = 0; i < length; i++) {
                    x[i] = random.nextGaussian();
                }
                try (RealFft fftw = new RealFft(size, FftBackend.FFTW);
                     RealFft jt = new RealFft(size, FftBackend.JTRANSFORMS)) {
                    // Garbage beyond `length` must be ignored (the frame is zero-padded).
                    System.arraycopy(x, 0, fftw.input(), 0, length);
                    System.arraycopy(x, 0, jt.input(), 0, length);
                    java.util.Arrays.fill(fftw.input(), length, size, 99.0);
                    java.util.Arrays.fill(jt.input(), length, size, 99.0);
                    fftw.forward(length);
                    jt.forward(length);
                    double scale = 0;
                    for (int i = 0; i < length; i++) {
                        scale += Math.abs(x[i]);
                    }
                    for (int k = 0; k <= size / 2; k++) {
                        double re = 0;
                        double im = 0;
                        for (int n = 0; n < length; n++) {
                            double a = -2 * Math.PI * k * n / size;
                            re += x[n] * Math.cos(a);
                            im += x[n] * Math.sin(a);
                        }
                        String at = "size " + size + ", length " + length + ", bin " + k;
                        assertThat(fftw.spectrum()[2 * k]).as("FFTW re, " + at).isCloseTo(re, offset(1e-12 * scale));
                        assertThat(fftw.spectrum()[2 * k + 1]).as("FFTW im, " + at).isCloseTo(im, offset(1e-12 * scale));
                        assertThat(jt.spectrum()[2 * k]).as("JTransforms re, " + at).isCloseTo(re, offset(1e-12 * scale));
                        assertThat(jt.spectrum()[2 * k + 1]).as("JTransforms im, " + at).isCloseTo(im, offset(1e-12 * scale));
                    }
                }
            }
        }
    }

    @Test
    void aShorterFrameAfterALongerOneIsZeroPaddedAgain() {
        try (RealFft fft = new RealFft(16, FftBackend.FFTW)) {
            java.util.Arrays.fill(fft.input(), 1.0);
            fft.forward(16);
            fft.input()[0] = 1.0;
            fft.forward(1);
            // The transform of a unit impulse: every bin is 1 + 0i.
            for (int k = 0; k <= 8; k++) {
                assertThat(fft.spectrum()[2 * k]).isEqualTo(1.0);
                assertThat(fft.spectrum()[2 * k + 1]).isEqualTo(0.0);
            }
        }
    }

    @Test
    void transformsOnManyThreadsAgreeWithOneThread() throws Exception {
        double[] x = new double[4096];
        Random random = new Random(9);
        for (int i = 0; i < 3200; i++) {
            x[i] = random.nextGaussian();
        }
        double[] expected;
        try (RealFft fft = new RealFft(4096, FftBackend.FFTW)) {
            System.arraycopy(x, 0, fft.input(), 0, 3200);
            fft.forward(3200);
            expected = fft.spectrum().clone();
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<double[]>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    try (RealFft fft = new RealFft(4096, FftBackend.FFTW)) {
                        double[] last = null;
                        for (int r = 0; r < 200; r++) {
                            System.arraycopy(x, 0, fft.input(), 0, 3200);
                            fft.forward(3200);
                            last = fft.spectrum().clone();
                        }
                        return last;
                    }
                }));
            }
            for (var f : futures) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new RealFft(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RealFft(7)).isInstanceOf(IllegalArgumentException.class);
        try (RealFft fft = new RealFft(8)) {
            assertThatThrownBy(() -> fft.forward(9)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
