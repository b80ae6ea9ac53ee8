package io.tagger.model.baseline;

import io.tagger.model.train.SegmentSet;

import java.util.Random;

/**
 * The paper's "hand-crafted" family as a baseline: each segment summarised by the mean and
 * standard deviation over frames of every feature row (NaN ignored), standardised with the
 * training split's statistics, and one L2-regularised logistic regression per tag, trained by
 * full-batch gradient descent with Nesterov momentum. Scored like the CNN (clip = mean of
 * segments).
 */
public final class LogisticBaseline {
    private final int epochs;
    private final double learningRate;
    private final double l2;
    private double[] mu;
    private double[] sd;
    private double[][] w; // [tag][dims + 1]

    public LogisticBaseline(int epochs, double learningRate, double l2) {
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.l2 = l2;
    }

    public static LogisticBaseline defaults() {
        return new LogisticBaseline(400, 0.5, 1e-4);
    }

    /** Mean and std over frames per row of each feature: {@code [segment][2 * rows total]}. */
    public static double[][] summaries(SegmentSet set) {
        int dims = 0;
        for (int o = 0; o < set.features().size(); o++) {
            dims += 2 * set.rows(o);
        }
        double[][] x = new double[set.segments()][dims];
        for (int o = 0, base = 0; o < set.features().size(); o++) {
            int rows = set.rows(o);
            int frames = set.frames(o);
            float[] raw = set.raw(o);
            for (int s = 0; s < set.segments(); s++) {
                int off = s * rows * frames;
                for (int r = 0; r < rows; r++) {
                    double sum = 0;
                    double sq = 0;
                    int n = 0;
                    for (int j = 0; j < frames; j++) {
                        double v = raw[off + r * frames + j];
                        if (Double.isFinite(v)) {
                            sum += v;
                            sq += v * v;
                            n++;
                        }
                    }
                    double mean = n == 0 ? 0 : sum / n;
                    x[s][base + 2 * r] = mean;
                    x[s][base + 2 * r + 1] = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean));
                }
            }
            base += 2 * rows;
        }
        return x;
    }

    public void fit(SegmentSet train, int tags, long seed) {
        double[][] x = summaries(train);
        int n = x.length;
        int d = x[0].length;
        mu = new double[d];
        sd = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mu[k] += row[k] / n;
            }
        }
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                sd[k] += (row[k] - mu[k]) * (row[k] - mu[k]) / n;
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = Math.max(Math.sqrt(sd[k]), 1e-9);
        }
        double[][] z = standardise(x);
        w = new double[tags][d + 1];
        Random r = new Random(seed);
        for (int t = 0; t < tags; t++) {
            double[] wt = w[t];
            for (int k = 0; k < d; k++) {
                wt[k] = 0.01 * r.nextGaussian();
            }
            double[] v = new double[d + 1];
            double[] g = new double[d + 1];
            for (int e = 0; e < epochs; e++) {
                java.util.Arrays.fill(g, 0);
                double[] look = new double[d + 1];
                for (int k = 0; k <= d; k++) {
                    look[k] = wt[k] + 0.9 * v[k];
                }
                for (int i = 0; i < n; i++) {
                    double y = train.label(train.clipOf(i), t) ? 1 : 0;
                    double err = sigmoid(dot(look, z[i])) - y;
                    for (int k = 0; k < d; k++) {
                        g[k] += err * z[i][k];
                    }
                    g[d] += err;
                }
                for (int k = 0; k <= d; k++) {
                    double grad = g[k] / n + (k < d ? l2 * look[k] : 0);
                    v[k] = 0.9 * v[k] - learningRate * grad;
                    wt[k] += v[k];
                }
            }
        }
    }

    /** Segment scores {@code [segment][tag]}. */
    public float[][] predict(SegmentSet set) {
        double[][] z = standardise(summaries(set));
        float[][] out = new float[z.length][w.length];
        for (int i = 0; i < z.length; i++) {
            for (int t = 0; t < w.length; t++) {
                out[i][t] = (float) sigmoid(dot(w[t], z[i]));
            }
        }
        return out;
    }

    private double[][] standardise(double[][] x) {
        double[][] z = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
                z[i][k] = (x[i][k] - mu[k]) / sd[k];
            }
        }
        return z;
    }

    private static double dot(double[] w, double[] z) {
        double s = w[w.length - 1];
        for (int k = 0; k < z.length; k++) {
            s += w[k] * z[k];
        }
        return s;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
