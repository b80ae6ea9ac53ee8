package io.tagger.features.spectrum;

/**
 * A reusable real FFT of one size: fill {@link #input()}, call {@link #forward(int)}, read the
 * bins 0..N/2 from {@link #spectrum()} (interleaved re, im) or through
 * {@link #magnitudes}. The library behind it is {@link FftBackend#selected()} (FFTW where it
 * loads). Not thread-safe: one per thread; the hot loop allocates nothing. Close it (FFTW's
 * buffers are native memory; an unclosed one is freed when it is garbage-collected).
 */
public final class RealFft implements AutoCloseable {
    private final int size;
    private final RealTransform transform;
    private final double[] input;
    private final double[] spectrum;
    private final double[] scratch;

    public RealFft(int size) {
        this(size, FftBackend.selected());
    }

    public RealFft(int size, FftBackend backend) {
        if (size < 2 || size % 2 != 0) {
            throw new IllegalArgumentException("FFT size must be even and at least 2, got " + size);
        }
        this.size = size;
        this.transform = backend.create(size);
        this.input = new double[size];
        this.spectrum = new double[size + 2];
        this.scratch = new double[size / 2 + 1];
    }

    public int size() {
        return size;
    }

    public int bins() {
        return size / 2 + 1;
    }

    /** The input buffer: fill [0, length), then call {@link #forward(int)}. */
    public double[] input() {
        return input;
    }

    /**
     * Transforms {@code input()[0..length)} zero-padded to the size (whatever the buffer holds
     * beyond {@code length} is ignored). The input buffer is left as it was.
     */
    public void forward(int length) {
        if (length < 0 || length > size) {
            throw new IllegalArgumentException("frame of " + length + " samples for an FFT of " + size);
        }
        transform.forward(input, length, spectrum);
    }

    /** After {@link #forward}: {@code re_k = s[2k], im_k = s[2k+1]} for k in 0..N/2 (do not modify). */
    public double[] spectrum() {
        return spectrum;
    }

    /** |X_k| of bins 0..N/2 into {@code out[offset..]} after {@link #forward}. */
    public void magnitudes(double[] out, int offset) {
        int bins = size / 2 + 1;
        double[] s = spectrum;
        // Powers from the interleaved spectrum (stride 2, scalar), then the square roots with one
        // index for both arrays (vectorised by the JIT).
        for (int k = 0; k < bins; k++) {
            double re = s[2 * k];
            double im = s[2 * k + 1];
            scratch[k] = re * re + im * im;
        }
        for (int k = 0; k < bins; k++) {
            scratch[k] = Math.sqrt(scratch[k]);
        }
        System.arraycopy(scratch, 0, out, offset, bins);
    }

    @Override
    public void close() {
        transform.close();
    }
}
