package io.tagger.features.spectrum;

/**
 * Minimum and maximum of every window of {@code width} consecutive samples in O(1) per sample
 * (van Herk / Gil-Werman), so that heavily overlapping frames (hop 1/20 of the frame for the
 * chromagram) are not rescanned.
 */
public final class RunningExtrema {
    private final double[] prefixMin;
    private final double[] suffixMin;
    private final double[] prefixMax;
    private final double[] suffixMax;
    private final int offset;
    private final int width;

    /** Windows over {@code signal[offset, offset+length)}. */
    public RunningExtrema(double[] signal, int offset, int length, int width) {
        this.offset = offset;
        this.width = width;
        prefixMin = new double[length];
        suffixMin = new double[length];
        prefixMax = new double[length];
        suffixMax = new double[length];
        for (int b = 0; b < length; b += width) {
            int end = Math.min(length, b + width);
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int i = b; i < end; i++) {
                double v = signal[offset + i];
                // Plain comparisons: the signal is finite (validated), so Math.min's NaN and -0.0
                // handling is not needed, and it is several times slower here.
                mn = v < mn ? v : mn;
                mx = v > mx ? v : mx;
                prefixMin[i] = mn;
                prefixMax[i] = mx;
            }
            mn = Double.POSITIVE_INFINITY;
            mx = Double.NEGATIVE_INFINITY;
            for (int i = end - 1; i >= b; i--) {
                double v = signal[offset + i];
                mn = v < mn ? v : mn;
                mx = v > mx ? v : mx;
                suffixMin[i] = mn;
                suffixMax[i] = mx;
            }
        }
    }

    /** Minimum of the window starting at absolute index {@code start}. */
    public double min(int start) {
        int i = start - offset;
        double a = suffixMin[i];
        double b = prefixMin[i + width - 1];
        return a < b ? a : b;
    }

    public double max(int start) {
        int i = start - offset;
        double a = suffixMax[i];
        double b = prefixMax[i + width - 1];
        return a > b ? a : b;
    }
}
