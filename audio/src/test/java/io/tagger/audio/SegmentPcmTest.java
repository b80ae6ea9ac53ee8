package io.tagger.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentPcmTest {
    @Test
    void theExponentIsTheSmallestThatKeepsThePeakWithinTheCodes() {
        assertThat(SegmentPcm.exponent(new float[]{0.25f, -0.5f}, 0, 2)).isEqualTo(-15); // 0.5 = 16384 * 2^-15
        assertThat(SegmentPcm.exponent(new float[]{32767f / 32768}, 0, 1)).isEqualTo(-15);
        assertThat(SegmentPcm.exponent(new float[]{1f}, 0, 1)).isEqualTo(-14); // 32767 * 2^-15 < 1
        assertThat(SegmentPcm.exponent(new float[]{-1.9f, 0.1f}, 0, 2)).isEqualTo(-14); // a stereo sum above 1
        assertThat(SegmentPcm.exponent(new float[]{32767f}, 0, 1)).isZero();
        assertThat(SegmentPcm.exponent(new float[]{32767.5f}, 0, 1)).isEqualTo(1);
        // Only the given range counts.
        assertThat(SegmentPcm.exponent(new float[]{8f, 0.5f, 8f}, 1, 1)).isEqualTo(-15);
    }

    @Test
    void silenceIsZerosAtExponentZero() {
        float[] silence = new float[100];
        assertThat(SegmentPcm.exponent(silence, 0, 100)).isZero();
        double[] out = new double[100];
        java.util.Arrays.fill(out, 3);
        SegmentPcm.roundTrip(silence, 0, 100, out);
        assertThat(out).containsOnly(0.0);
    }

    @Test
    void sixteenBitAudioReadsBackUnchanged() {
        float[] pcm = new float[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (i - 32768) / 32768f; // every 16-bit value
        }
        pcm[0] = -32767 / 32768f; // but -1 (code -32768): it would take the next exponent
        double[] out = new double[pcm.length];
        SegmentPcm.roundTrip(pcm, 0, pcm.length, out);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(out[i]).isEqualTo(pcm[i]);
        }
    }

    @Test
    void everySampleIsWithinHalfAStepOfItsValueAndThePeakIsExact() {
        java.util.Random r = new java.util.Random(5);
        float[] pcm = new float[10_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (r.nextGaussian() * 0.3);
        }
        pcm[1234] = -1.7f;
        double[] out = new double[pcm.length];
        SegmentPcm.roundTrip(pcm, 0, pcm.length, out);
        int e = SegmentPcm.exponent(pcm, 0, pcm.length);
        double step = Math.scalb(1.0, e);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(Math.abs(out[i] - pcm[i])).isLessThanOrEqualTo(step / 2);
            assertThat(out[i] / step).isEqualTo(Math.rint(out[i] / step)); // a whole code
        }
        assertThat(Math.abs(out[1234] - -1.7)).isLessThanOrEqualTo(step / 2);
        // 90 dB or more below the peak.
        assertThat(20 * Math.log10(1.7 / (step / 2))).isGreaterThan(90);
    }

    @Test
    void halfwayValuesRoundToTheEvenCodeOnTheWire() {
        float step = (float) Math.scalb(1.0, -15); // the exponent of a peak just under 1
        float[] pcm = {0.99f, 2.5f * step, 3.5f * step, -2.5f * step, -0.5f * step, 0.5f * step};
        int e = SegmentPcm.exponent(pcm, 0, pcm.length);
        assertThat(e).isEqualTo(-15);
        byte[] bytes = new byte[2 * pcm.length];
        SegmentPcm.encode(pcm, 0, pcm.length, e, bytes, 0);
        short[] codes = new short[pcm.length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(codes);
        assertThat(codes).containsExactly((short) Math.rint(0.99f * 32768.0), (short) 2, (short) 4, (short) -2, (short) 0, (short) 0);
    }

    @Test
    void theWireFormReadsBackAsTheRoundTripGives() {
        float[] pcm = {0.1f, -0.7f, 0.33333f, 1e-7f, -1e-3f, 0.7f};
        int e = SegmentPcm.exponent(pcm, 1, 4);
        byte[] bytes = new byte[10];
        SegmentPcm.encode(pcm, 1, 4, e, bytes, 1);
        assertThat(bytes[0]).isZero();
        assertThat(bytes[9]).isZero(); // exactly 8 bytes from the offset
        ByteBuffer wire = ByteBuffer.wrap(bytes, 1, 8).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(e).isEqualTo(-15);
        assertThat(wire.getShort(0)).isEqualTo((short) Math.rint(-0.7f * 32768.0)); // little-endian code of -0.7
        double[] decoded = new double[4];
        SegmentPcm.decode(wire.asShortBuffer(), e, decoded);
        double[] roundTrip = new double[4];
        SegmentPcm.roundTrip(pcm, 1, 4, roundTrip);
        assertThat(decoded).containsExactly(roundTrip);
        assertThat(decoded[2]).isZero(); // 1e-7 is below half a step
    }
}
