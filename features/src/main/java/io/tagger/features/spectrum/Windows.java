package io.tagger.features.spectrum;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The analysis windows MIRtoolbox uses, with MATLAB's definitions. Each window of a length is
 * computed once per JVM and shared (a track's segments and features ask for the same few lengths
 * again and again; a 3,200-point window is 3,200 cosines): callers read it and must not modify it.
 */
public final class Windows {
    private static final ConcurrentHashMap<Integer, double[]> HAMMING = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, double[]> HANNING = new ConcurrentHashMap<>();
    /** Beyond this many lengths a window is computed for its caller alone (no unbounded cache). */
    private static final int MAX_CACHED = 64;

    private Windows() {
    }

    /**
     * MATLAB's symmetric {@code hamming(n)}: {@code 0.54 - 0.46 cos(2 pi k/(n-1))}, k = 0..n-1.
     * Shared: do not modify.
     */
    public static double[] hamming(int n) {
        return cached(HAMMING, n, Windows::computeHamming);
    }

    /**
     * MATLAB's {@code hanning(n)}: {@code 0.5 (1 - cos(2 pi k/(n+1)))}, k = 1..n, with no zero end
     * points (Octave's {@code hanning} differs; MIRtoolbox was written against MATLAB's).
     * Shared: do not modify.
     */
    public static double[] hanning(int n) {
        return cached(HANNING, n, Windows::computeHanning);
    }

    private static double[] cached(ConcurrentHashMap<Integer, double[]> cache, int n, IntFunction<double[]> compute) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + n);
        }
        double[] w = cache.get(n);
        if (w != null) {
            return w;
        }
        w = compute.apply(n);
        if (cache.size() < MAX_CACHED) {
            double[] raced = cache.putIfAbsent(n, w);
            if (raced != null) {
                return raced;
            }
        }
        return w;
    }

    static double[] computeHamming(int n) {
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

    static double[] computeHanning(int n) {
        double[] w = new double[n];
        for (int k = 1; k <= n; k++) {
            w[k - 1] = 0.5 * (1 - Math.cos(2 * Math.PI * k / (n + 1)));
        }
        return w;
    }
}
