package io.tagger.features.spectrum;

import io.tagger.features.FrameSpec;
import io.tagger.features.Framing;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FrameExtremaTest {
    @Test
    void blockAlignedFramesGiveEveryFramesExtrema() {
        // The chromagram's frames: 3200 samples every 160, 20 blocks per frame.
        Framing framing = FrameSpec.ratio(0.2, 0.05).frame(16000, 46560);
        assertThat(FrameExtrema.blockLength(framing)).isEqualTo(160);
        checkAgainstScan(framing, 7);
    }

    @Test
    void framesOffTheBlockGridUseTheRunningExtrema() {
        // A hop of 161.6 samples: starts are not multiples of one block length.
        Framing framing = FrameSpec.seconds(0.2, 0.0101).frame(16000, 46560);
        assertThat(FrameExtrema.blockLength(framing)).isZero();
        checkAgainstScan(framing, 11);
        // A hop that does not divide the frame (3200 / 150).
        Framing odd = FrameSpec.seconds(0.2, 150 / 16000.0).frame(16000, 46560);
        assertThat(FrameExtrema.blockLength(odd)).isZero();
        checkAgainstScan(odd, 13);
    }

    private static void checkAgainstScan(Framing framing, long seed) {
        Random random = new Random(seed);
        int offset = 1000;
        double[] signal = new double[offset + framing.sampleCount() + 500];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = random.nextGaussian() * (1 + (i / 4000) % 5);
        }
        FrameExtrema extrema = FrameExtrema.of(signal, offset, framing);
        for (int i = 0; i < framing.count(); i++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < framing.frameSamples(); k++) {
                double v = signal[offset + framing.start(i) + k];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(extrema.min(i)).as("min of frame " + i).isEqualTo(min);
            assertThat(extrema.max(i)).as("max of frame " + i).isEqualTo(max);
        }
    }
}
