package io.tagger.features.spectrum;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.utils.CommonUtils;

/** The pure-Java backend: JTransforms' in-place real FFT, unpacked to the interleaved layout. */
final class JTransformsTransform implements RealTransform {
    static {
        // Frames are small; JTransforms' own threads would only add overhead. Parallelism is
        // across segments, one extractor per thread.
        CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Long.MAX_VALUE);
        CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Long.MAX_VALUE);
    }

    private final int size;
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    JTransformsTransform(int size) {
        this.size = size;
        this.fft = new DoubleFFT_1D(size);
        this.buffer = new double[size];
    }

    @Override
    public void forward(double[] input, int length, double[] spectrum) {
        System.arraycopy(input, 0, buffer, 0, length);
        java.util.Arrays.fill(buffer, length, size, 0.0);
        fft.realForward(buffer);
        // JTransforms packs Re[N/2] into buffer[1].
        spectrum[0] = buffer[0];
        spectrum[1] = 0;
        System.arraycopy(buffer, 2, spectrum, 2, size - 2);
        spectrum[size] = buffer[1];
        spectrum[size + 1] = 0;
    }

    @Override
    public void close() {
    }
}
