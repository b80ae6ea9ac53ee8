package io.tagger.features.spectrum;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.utils.CommonUtils;

/**
 * A reusable real FFT of one size that writes magnitudes of bins 0..N/2. Not thread-safe: one
 * per thread (its scratch buffer is reused for every frame, so the hot loop allocates nothing).
 */
public final class RealFft {
    static {
        // Frames are small; JTransforms' own threads would only add overhead. Parallelism is
        // across segments, one extractor per thread.
        CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Long.MAX_VALUE);
        CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Long.MAX_VALUE);
    }

    private final int size;
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    public RealFft(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("FFT size must be positive");
        }
        this.size = size;
        this.fft = new DoubleFFT_1D(size);
        this.buffer = new double[size];
    }

    public int size() {
        return size;
    }

    public int bins() {
        return size / 2 + 1;
    }

    /** The input buffer: fill [0, size), then call {@link #magnitudes} or {@link #powers}. */
    public double[] input() {
        return buffer;
    }

    /** |FFT| of the buffer for bins 0..N/2 into {@code out[offset..]}. Destroys the buffer. */
    public void magnitudes(double[] out, int offset) {
        transform();
        int half = size / 2;
        out[offset] = Math.abs(buffer[0]);
        if (size == 1) {
            return;
        }
        for (int k = 1; k < (size + 1) / 2; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            out[offset + k] = Math.sqrt(re * re + im * im);
        }
        if (size % 2 == 0) {
            out[offset + half] = Math.abs(buffer[1]);
        }
    }

    /** Transforms the buffer in place; then read bins with {@link #power(int)}. */
    public void forward() {
        transform();
    }

    /** |X_k|^2 after {@link #forward()}, for k in 0..N/2. */
    public double power(int k) {
        if (k == 0) {
            return buffer[0] * buffer[0];
        }
        if (k == size / 2) {
            return buffer[1] * buffer[1];
        }
        double re = buffer[2 * k];
        double im = buffer[2 * k + 1];
        return re * re + im * im;
    }

    private void transform() {
        if (size % 2 != 0) {
            throw new IllegalStateException("only even FFT sizes are used (powers of two)");
        }
        fft.realForward(buffer);
    }
}
