package io.tagger.audio;

import java.util.Arrays;

/** Keeps every sample in a growing array: for callers that analyse the whole file. */
final class WholeTrack implements PcmSink {
    private float[] samples = new float[1 << 16];
    private int size;

    @Override
    public void accept(float[] chunk, int n) {
        if (size + n > samples.length) {
            samples = Arrays.copyOf(samples, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(2L * samples.length, (long) size + n)));
        }
        System.arraycopy(chunk, 0, samples, size, n);
        size += n;
    }

    float[] samples() {
        return Arrays.copyOf(samples, size);
    }
}
