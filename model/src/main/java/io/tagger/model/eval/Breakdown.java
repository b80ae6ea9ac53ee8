package io.tagger.model.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model fails inside one evaluated set: the clips are grouped by a column of a clip table
 * (the synthetic corpus's {@code corpus_plan.tsv}: {@code style}, {@code soundfont}, ...), and for
 * each tag family and group the report gives the family's mean ROC-AUC when only that group's
 * positives are ranked against all of the set's negatives. A group far below the others is a kind
 * of clip the model does not recognise (for example choir pads under distorted guitars).
 *
 * <p>Per tag: the AUC of the group's positives against every negative of the tag; a family's value
 * is the mean over its tags that have a positive in the group and a negative in the set. A value
 * is a ranking statement about one group, so groups of a handful of positives are noisy: the
 * report gives each group's positive count beside it.
 */
public final class Breakdown {
    /** One family in one group: clips of the group positive for any of the family's tags, and the family's mean AUC. */
    public record Cell(String family, String group, int positives, double rocAuc) {
    }

    private final String column;
    private final List<Cell> cells;

    private Breakdown(String column, List<Cell> cells) {
        this.column = column;
        this.cells = cells;
    }

    /**
     * @param clipIds the evaluated clips' ids, in the evaluation's clip order
     * @param groupOf clip id to its group (clips missing from it are grouped as "?")
     */
    public static Breakdown of(Evaluation e, List<String> clipIds, Map<String, String> groupOf, String column) {
        if (clipIds.size() != e.clips()) {
            throw new IllegalArgumentException(clipIds.size() + " clip ids for " + e.clips() + " evaluated clips");
        }
        String[] group = new String[clipIds.size()];
        for (int c = 0; c < group.length; c++) {
            group[c] = groupOf.getOrDefault(clipIds.get(c), "?");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int t = 0; t < e.tags().size(); t++) {
            index.put(e.tags().get(t), t);
        }
        List<String> groups = new ArrayList<>(new TreeMap<>(count(group)).keySet());
        List<Cell> cells = new ArrayList<>();
        for (var f : TagFamilies.FAMILIES.entrySet()) {
            for (String g : groups) {
                double sum = 0;
                int tagsIn = 0;
                boolean[] positiveForFamily = new boolean[group.length];
                for (String tag : f.getValue()) {
                    Integer t = index.get(tag);
                    if (t == null) {
                        continue;
                    }
                    float[] s = e.scores(t);
                    boolean[] y = e.labels(t);
                    List<Float> pos = new ArrayList<>();
                    List<Float> neg = new ArrayList<>();
                    for (int c = 0; c < s.length; c++) {
                        if (y[c] && g.equals(group[c])) {
                            pos.add(s[c]);
                            positiveForFamily[c] = true;
                        } else if (!y[c]) {
                            neg.add(s[c]);
                        }
                    }
                    if (!pos.isEmpty() && !neg.isEmpty()) {
                        sum += auc(pos, neg);
                        tagsIn++;
                    }
                }
                int n = 0;
                for (boolean b : positiveForFamily) {
                    n += b ? 1 : 0;
                }
                if (tagsIn > 0) {
                    cells.add(new Cell(f.getKey(), g, n, sum / tagsIn));
                }
            }
        }
        return new Breakdown(column, cells);
    }

    /** Reads {@code column} of a tab-separated clip table with a {@code clip_id} column (unquoted or quoted cells). */
    public static Map<String, String> readColumn(Path table, String column) throws IOException {
        List<String> lines = Files.readAllLines(table);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(table + " is empty");
        }
        List<String> header = cells(lines.get(0));
        int id = header.indexOf("clip_id");
        int col = header.indexOf(column);
        if (id < 0 || col < 0) {
            throw new IllegalArgumentException(table + " has no " + (id < 0 ? "clip_id" : column) + " column; its columns: "
                    + String.join(", ", header));
        }
        Map<String, String> m = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> c = cells(l);
            if (c.size() > Math.max(id, col)) {
                m.put(c.get(id), c.get(col));
            }
        }
        return m;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split("\t", -1)) {
            out.add(c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1) : c);
        }
        return out;
    }

    /** The rank statistic: the probability that a positive outscores a negative (ties count half). */
    static double auc(List<Float> pos, List<Float> neg) {
        float[] n = new float[neg.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = neg.get(i);
        }
        java.util.Arrays.sort(n);
        double wins = 0;
        for (float p : pos) {
            int below = lowerBound(n, p);
            int notAbove = upperBound(n, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) pos.size() * n.length);
    }

    private static int lowerBound(float[] a, float v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(float[] a, float v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Map<String, Integer> count(String[] group) {
        Map<String, Integer> m = new HashMap<>();
        for (String g : group) {
            m.merge(g, 1, Integer::sum);
        }
        return m;
    }

    public List<Cell> cells() {
        return cells;
    }

    /** One table: a row per group, a column per family, "AUC (positives)" in each cell, "-" where a family has no positive. */
    public String markdown() {
        List<String> families = new ArrayList<>(TagFamilies.FAMILIES.keySet());
        Map<String, Map<String, Cell>> byGroup = new TreeMap<>();
        for (Cell c : cells) {
            byGroup.computeIfAbsent(c.group(), k -> new HashMap<>()).put(c.family(), c);
        }
        StringBuilder md = new StringBuilder("Each family's ROC-AUC for the positives of one " + column
                + " against all negatives (positives in brackets):\n\n| " + column + " |");
        families.forEach(f -> md.append(' ').append(f).append(" |"));
        md.append("\n|---|");
        families.forEach(f -> md.append("---|"));
        md.append('\n');
        for (var g : byGroup.entrySet()) {
            md.append("| ").append(g.getKey()).append(" |");
            for (String f : families) {
                Cell c = g.getValue().get(f);
                md.append(c == null ? " - |" : String.format(Locale.ROOT, " %.3f (%d) |", c.rocAuc(), c.positives()));
            }
            md.append('\n');
        }
        return md.toString();
    }
}
