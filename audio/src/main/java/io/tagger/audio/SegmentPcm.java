package io.tagger.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * The resolution a segment's samples are analysed at: 16-bit codes times one power of two per
 * segment, the smallest that keeps the segment's peak within +-32767 (every sample is within half
 * a step of its decoded value: at least 90 dB below the segment's peak).
 *
 * <p>Why: this is the form segments travel in on {@code audio-in} (half the bytes of float32, for
 * the broker and for the topic's retention), and the offline path ({@link Segmenter#copy}) rounds
 * the same way, so features computed offline from a file equal those the pipeline computes from
 * its records. A power of two keeps both ways exact (no rounding but the one to a code) and keeps
 * 16-bit mono audio at its own rate unchanged. A mono sum of channels may exceed 1, hence a scale
 * per segment rather than a fixed full scale.
 */
public final class SegmentPcm {
    /** The largest code magnitude; codes lie in [-32767, 32767]. */
    public static final int MAX_CODE = 32767;
    /** Little-endian 16-bit stores into a byte array: one plain store each, no buffer bookkeeping. */
    private static final VarHandle LITTLE_ENDIAN_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    private SegmentPcm() {
    }

    /**
     * The exponent for {@code n} samples of {@code track} from {@code start}: the smallest
     * {@code e} with {@code 32767 * 2^e >= peak}; 0 for silence.
     */
    public static int exponent(float[] track, int start, int n) {
        float peak = 0;
        for (int i = start; i < start + n; i++) {
            peak = Math.max(peak, Math.abs(track[i]));
        }
        if (peak == 0) {
            return 0;
        }
        int e = Math.getExponent(peak) - 14;
        return MAX_CODE * Math.scalb(1.0, e) >= peak ? e : e + 1;
    }

    /**
     * Writes the codes of {@code n} samples of {@code track} from {@code start} at
     * {@code exponent} into {@code out} from {@code offset}: {@code 2 n} bytes, little-endian.
     */
    public static void encode(float[] track, int start, int n, int exponent, byte[] out, int offset) {
        // Per sample on the ingest's path: a ByteBuffer.putShort loop took 2.5 ms a track, this 0.45.
        double inverse = Math.scalb(1.0, -exponent);
        for (int i = 0; i < n; i++) {
            LITTLE_ENDIAN_SHORT.set(out, offset + 2 * i, (short) code(track[start + i], inverse));
        }
    }

    /** The samples {@code codes} stand for at {@code exponent}, into {@code out} from 0: exact. */
    public static void decode(ShortBuffer codes, int exponent, double[] out) {
        double step = Math.scalb(1.0, exponent);
        for (int i = 0, n = codes.remaining(); i < n; i++) {
            out[i] = codes.get(i) * step;
        }
    }

    /**
     * {@code n} samples of {@code track} from {@code start} as they read back after encoding,
     * into {@code out} from 0.
     */
    public static void roundTrip(float[] track, int start, int n, double[] out) {
        int e = exponent(track, start, n);
        double inverse = Math.scalb(1.0, -e);
        double step = Math.scalb(1.0, e);
        for (int i = 0; i < n; i++) {
            out[i] = code(track[start + i], inverse) * step;
        }
    }

    /** {@code x / 2^e} rounded to the nearest code (ties to even), within +-32767. */
    private static int code(float x, double inverse) {
        // Clamped as an int: Math.min/max on doubles (NaN and -0.0 rules) cost more than the rest.
        return Math.max(-MAX_CODE, Math.min(MAX_CODE, (int) Math.rint(x * inverse)));
    }
}
