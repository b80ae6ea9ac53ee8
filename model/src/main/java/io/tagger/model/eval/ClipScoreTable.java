package io.tagger.model.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Every evaluated clip's score and label per tag, as a tab-separated table for one's own analysis
 * (join it with the corpus plan on {@code clip_id}): a header {@code clip_id}, then
 * {@code score:<tag>} and {@code label:<tag>} for each tag in the model's order; scores with 4
 * decimals, labels 0 or 1.
 */
public final class ClipScoreTable {
    private ClipScoreTable() {
    }

    public static void write(Path out, Evaluation e, List<String> clipIds) throws IOException {
        if (clipIds.size() != e.clips()) {
            throw new IllegalArgumentException(clipIds.size() + " clip ids for " + e.clips() + " evaluated clips");
        }
        int nt = e.tags().size();
        float[][] scores = new float[nt][];
        boolean[][] labels = new boolean[nt][];
        for (int t = 0; t < nt; t++) {
            scores[t] = e.scores(t);
            labels[t] = e.labels(t);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("clip_id");
            for (String tag : e.tags()) {
                w.write("\tscore:" + tag + "\tlabel:" + tag);
            }
            w.newLine();
            for (int c = 0; c < clipIds.size(); c++) {
                w.write(clipIds.get(c));
                for (int t = 0; t < nt; t++) {
                    w.write(String.format(Locale.ROOT, "\t%.4f\t%d", scores[t][c], labels[t][c] ? 1 : 0));
                }
                w.newLine();
            }
        }
    }
}
