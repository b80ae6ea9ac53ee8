package io.tagger.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a model fails inside one evaluated set: the clips are grouped by a column of a clip table
 * ({@link io.tagger.dataset.ClipTable}; the synthetic corpus's {@code corpus_plan.tsv}: style,
 * soundfont, ...), and for each tag family and group the report gives the family's mean ROC-AUC
 * when only that group's positives are ranked against all of the set's negatives. A group far below the others is a kind
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
        Set<String> groups = new TreeSet<>(Arrays.asList(group));
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
                    // The group's positives and every negative, ranked by the set's own AUC.
                    float[] s = e.scores(t);
                    boolean[] y = e.labels(t);
                    float[] keptScores = new float[s.length];
                    boolean[] keptLabels = new boolean[s.length];
                    int kept = 0;
                    for (int c = 0; c < s.length; c++) {
                        if (!y[c] || g.equals(group[c])) {
                            keptScores[kept] = s[c];
                            keptLabels[kept++] = y[c];
                            positiveForFamily[c] |= y[c];
                        }
                    }
                    double auc = Metrics.rocAuc(Arrays.copyOf(keptScores, kept), Arrays.copyOf(keptLabels, kept));
                    if (!Double.isNaN(auc)) {
                        sum += auc;
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
