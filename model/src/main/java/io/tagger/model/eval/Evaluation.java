package io.tagger.model.eval;

import io.tagger.model.train.SegmentSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Clip-level evaluation: a clip's score per tag is the mean of its segments' scores; ROC-AUC and
 * PR-AUC per tag, and macro averages over the tags that have both classes in the set.
 */
public final class Evaluation {
    private final List<String> tags;
    private final float[][] clipScores;
    private final boolean[][] clipLabels;
    private final double[] roc;
    private final double[] pr;

    private Evaluation(List<String> tags, float[][] clipScores, boolean[][] clipLabels) {
        this.tags = tags;
        this.clipScores = clipScores;
        this.clipLabels = clipLabels;
        int nt = clipLabels.length == 0 ? 0 : clipLabels[0].length;
        roc = new double[nt];
        pr = new double[nt];
        for (int t = 0; t < nt; t++) {
            roc[t] = Metrics.rocAuc(column(clipScores, t), column(clipLabels, t));
            pr[t] = Metrics.prAuc(column(clipScores, t), column(clipLabels, t));
        }
    }

    /** @param tags tag names (null: "tag<i>") */
    public static Evaluation of(SegmentSet set, float[][] segmentScores, List<String> tags) {
        int nt = segmentScores.length == 0 ? 0 : segmentScores[0].length;
        float[][] clip = clipMeans(set, segmentScores);
        boolean[][] labels = new boolean[set.clips()][nt];
        for (int c = 0; c < set.clips(); c++) {
            for (int t = 0; t < nt; t++) {
                labels[c][t] = set.label(c, t);
            }
        }
        List<String> names = tags;
        if (names == null) {
            names = new ArrayList<>();
            for (int t = 0; t < nt; t++) {
                names.add("tag" + t);
            }
        }
        return new Evaluation(names, clip, labels);
    }

    /** Mean of each clip's segment scores. */
    public static float[][] clipMeans(SegmentSet set, float[][] segmentScores) {
        int nt = segmentScores.length == 0 ? 0 : segmentScores[0].length;
        double[][] sum = new double[set.clips()][nt];
        int[] count = new int[set.clips()];
        for (int s = 0; s < segmentScores.length; s++) {
            int c = set.clipOf(s);
            count[c]++;
            for (int t = 0; t < nt; t++) {
                sum[c][t] += segmentScores[s][t];
            }
        }
        float[][] out = new float[set.clips()][nt];
        for (int c = 0; c < out.length; c++) {
            for (int t = 0; t < nt; t++) {
                out[c][t] = (float) (sum[c][t] / Math.max(1, count[c]));
            }
        }
        return out;
    }

    static float[] column(float[][] m, int t) {
        float[] c = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][t];
        }
        return c;
    }

    static boolean[] column(boolean[][] m, int t) {
        boolean[] c = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][t];
        }
        return c;
    }

    public List<String> tags() {
        return tags;
    }

    public double rocAuc(int tag) {
        return roc[tag];
    }

    public double prAuc(int tag) {
        return pr[tag];
    }

    public double macroRocAuc() {
        return mean(roc);
    }

    public double macroPrAuc() {
        return mean(pr);
    }

    /** Tags with both classes present (the ones the macro averages cover). */
    public int evaluatedTags() {
        int n = 0;
        for (double v : roc) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    public float[] scores(int tag) {
        return column(clipScores, tag);
    }

    public boolean[] labels(int tag) {
        return column(clipLabels, tag);
    }

    public int clips() {
        return clipScores.length;
    }

    private static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
