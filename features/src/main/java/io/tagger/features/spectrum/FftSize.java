package io.tagger.features.spectrum;

/** FFT sizes and bin frequencies as {@code mirspectrum.m} computes them. */
public final class FftSize {
    private FftSize() {
    }

    /** MATLAB's {@code 2^nextpow2(x)}: the smallest power of two >= x. */
    public static int nextPow2(double x) {
        if (x <= 1) {
            return 1;
        }
        int n = 1;
        while (n < x) {
            n <<= 1;
        }
        return n;
    }

    /**
     * Bin frequencies {@code sr*(N-1)/N*linspace(0,1,N)}, first {@code floor(N/2)+1} of them,
     * evaluated in MIRtoolbox's order with Octave's symmetric linspace, so that exact
     * comparisons (the chromagram's octave cut) fall the same way.
     */
    public static double[] binFrequencies(double sampleRate, int n) {
        int len = n / 2 + 1;
        double[] f = new double[len];
        double scale = sampleRate * (n - 1) / n;
        if (n == 1) {
            f[0] = 0;
            return f;
        }
        double delta = 1.0 / (n - 1);
        int half = n / 2;
        for (int k = 0; k < len; k++) {
            double lin;
            if (k == 0) {
                lin = 0;
            } else if (k == n - 1) {
                lin = 1;
            } else if (k < half) {
                lin = k * delta;
            } else if (n % 2 == 1 && k == half) {
                lin = 0.5;
            } else {
                lin = 1 - (n - 1 - k) * delta;
            }
            f[k] = scale * lin;
        }
        return f;
    }
}
