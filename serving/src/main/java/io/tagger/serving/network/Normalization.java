package io.tagger.serving.network;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input scaling, part of the model (inside the graph): each row of each feature is standardised
 * with the mean and standard deviation of the training split, {@code (x - mean) / std}; a NaN
 * (MIRtoolbox's MinRMS rules, silent chroma frames) becomes 0, i.e. the training mean. NaN never
 * reaches a convolution.
 */
public record Normalization(Map<String, float[]> mean, Map<String, float[]> std) {
    public Normalization {
        mean = Map.copyOf(mean);
        std = Map.copyOf(std);
    }

    /** Identity scaling (mean 0, std 1) for every branch: tests and untrained graphs. */
    public static Normalization identity(Iterable<BranchShape> branches) {
        Map<String, float[]> m = new LinkedHashMap<>();
        Map<String, float[]> s = new LinkedHashMap<>();
        for (BranchShape b : branches) {
            m.put(b.feature(), new float[b.rows()]);
            float[] one = new float[b.rows()];
            java.util.Arrays.fill(one, 1f);
            s.put(b.feature(), one);
        }
        return new Normalization(m, s);
    }

    /** Accumulates per-row statistics over finite values (Welford, in double). */
    public static final class Accumulator {
        private final Map<String, double[]> count = new LinkedHashMap<>();
        private final Map<String, double[]> mean = new LinkedHashMap<>();
        private final Map<String, double[]> m2 = new LinkedHashMap<>();

        public void add(String feature, int rows, int frames, float[] values) {
            double[] n = count.computeIfAbsent(feature, k -> new double[rows]);
            double[] mu = mean.computeIfAbsent(feature, k -> new double[rows]);
            double[] s = m2.computeIfAbsent(feature, k -> new double[rows]);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < frames; j++) {
                    double v = values[r * frames + j];
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    n[r]++;
                    double d = v - mu[r];
                    mu[r] += d / n[r];
                    s[r] += d * (v - mu[r]);
                }
            }
        }

        public Normalization build() {
            Map<String, float[]> m = new LinkedHashMap<>();
            Map<String, float[]> sd = new LinkedHashMap<>();
            for (String f : mean.keySet()) {
                double[] n = count.get(f);
                double[] mu = mean.get(f);
                double[] s = m2.get(f);
                float[] mf = new float[mu.length];
                float[] sf = new float[mu.length];
                for (int r = 0; r < mu.length; r++) {
                    mf[r] = (float) mu[r];
                    double var = n[r] > 1 ? s[r] / (n[r] - 1) : 0;
                    sf[r] = (float) Math.max(Math.sqrt(var), 1e-6);
                }
                m.put(f, mf);
                sd.put(f, sf);
            }
            return new Normalization(m, sd);
        }
    }
}
