package io.tagger.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ROC-AUC and PR-AUC (average precision) of one tag's scores, and the macro average over tags. */
public final class Metrics {
    private Metrics() {
    }

    /** ROC-AUC by the rank-sum statistic (ties get their average rank); NaN if one class is missing. */
    public static double rocAuc(float[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] idx = order(scores);
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = r;
            }
            i = j + 1;
        }
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i]) {
                pos++;
                sum += rank[i];
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Average precision: the mean of precision at each positive, scores descending. */
    public static double prAuc(float[] scores, boolean[] positive) {
        Integer[] idx = order(scores);
        long pos = positives(positive);
        if (pos == 0 || pos == positive.length) {
            return Double.NaN;
        }
        double ap = 0;
        int tp = 0;
        for (int k = idx.length - 1, seen = 0; k >= 0; k--) {
            seen++;
            if (positive[idx[k]]) {
                tp++;
                ap += (double) tp / seen;
            }
        }
        return ap / pos;
    }

    /** Points (false positive rate, true positive rate) of the ROC curve, scores descending. */
    public static double[][] rocCurve(float[] scores, boolean[] positive) {
        Integer[] idx = order(scores);
        long pos = positives(positive);
        long neg = positive.length - pos;
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[]{0, 0});
        long tp = 0;
        long fp = 0;
        for (int k = idx.length - 1; k >= 0; k--) {
            if (positive[idx[k]]) {
                tp++;
            } else {
                fp++;
            }
            if (k == 0 || scores[idx[k - 1]] != scores[idx[k]]) {
                pts.add(new double[]{neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos});
            }
        }
        return pts.toArray(new double[0][]);
    }

    private static long positives(boolean[] positive) {
        long n = 0;
        for (boolean p : positive) {
            if (p) {
                n++;
            }
        }
        return n;
    }

    private static Integer[] order(float[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(scores[a], scores[b]));
        return idx;
    }

    /** The threshold maximising F1 on these scores (0.5 when a class is missing). */
    public static float bestF1Threshold(float[] scores, boolean[] positive) {
        Integer[] idx = order(scores);
        long pos = positives(positive);
        if (pos == 0 || pos == positive.length) {
            return 0.5f;
        }
        double best = -1;
        float threshold = 0.5f;
        long tp = 0;
        long predicted = 0;
        for (int k = idx.length - 1; k >= 0; k--) {
            predicted++;
            if (positive[idx[k]]) {
                tp++;
            }
            if (k > 0 && scores[idx[k - 1]] == scores[idx[k]]) {
                continue;
            }
            double f1 = 2.0 * tp / (predicted + pos);
            if (f1 > best) {
                best = f1;
                float lower = k > 0 ? scores[idx[k - 1]] : 0f;
                threshold = (scores[idx[k]] + lower) / 2;
            }
        }
        return threshold;
    }
}
