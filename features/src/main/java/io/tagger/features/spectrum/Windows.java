package io.tagger.features.spectrum;

/** The analysis windows MIRtoolbox uses, with MATLAB's definitions. */
public final class Windows {
    private Windows() {
    }

    /** MATLAB's symmetric {@code hamming(n)}: {@code 0.54 - 0.46 cos(2 pi k/(n-1))}, k = 0..n-1. */
    public static double[] hamming(int n) {
        double[] w = new double[n];
        if (n == 1) {
            w[0] = 1;
            return w;
        }
        for (int k = 0; k < n; k++) {
            w[k] = 0.54 - 0.46 * Math.cos(2 * Math.PI * k / (n - 1));
        }
        return w;
    }

    /**
     * MATLAB's {@code hanning(n)}: {@code 0.5 (1 - cos(2 pi k/(n+1)))}, k = 1..n, with no zero end
     * points (Octave's {@code hanning} differs; MIRtoolbox was written against MATLAB's).
     */
    public static double[] hanning(int n) {
        double[] w = new double[n];
        for (int k = 1; k <= n; k++) {
            w[k - 1] = 0.5 * (1 - Math.cos(2 * Math.PI * k / (n + 1)));
        }
        return w;
    }
}
