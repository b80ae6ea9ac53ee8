package io.tagger.features.spectrum;

/**
 * One backend's real forward FFT of a fixed size: {@code input[0..length)} (zeros beyond) to the
 * interleaved spectrum {@code re0, im0, re1, im1, ..., re(N/2), im(N/2)} (N + 2 values), with
 * {@code X_k = sum_n x_n e^{-2 pi i k n / N}}. Not thread-safe. Closing frees native memory.
 */
interface RealTransform extends AutoCloseable {
    /** Transforms {@code input[0..length)} followed by zeros; {@code input} is left as it was. */
    void forward(double[] input, int length, double[] spectrum);

    @Override
    void close();
}
