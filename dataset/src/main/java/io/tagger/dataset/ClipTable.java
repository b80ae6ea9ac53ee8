package io.tagger.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated table with one row per clip and a {@code clip_id} column, such as the synthetic
 * corpus's {@code corpus_plan.tsv} (what each clip drew: style, SoundFont, programs, ...). Cells may
 * be quoted, as in MagnaTagATune's annotations.
 */
public final class ClipTable {
    private ClipTable() {
    }

    /** Clip id to the cell of {@code column}; rows too short for either column are left out. */
    public static Map<String, String> column(Path table, String column) throws IOException {
        List<String> lines = Files.readAllLines(table);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(table + " is empty");
        }
        List<String> header = List.of(MtatDataset.cells(lines.get(0)));
        int id = header.indexOf("clip_id");
        int col = header.indexOf(column);
        if (id < 0 || col < 0) {
            throw new IllegalArgumentException(table + " has no " + (id < 0 ? "clip_id" : column) + " column; its columns: "
                    + String.join(", ", header));
        }
        Map<String, String> m = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = MtatDataset.cells(l);
            if (c.length > Math.max(id, col)) {
                m.put(c[id], c[col]);
            }
        }
        return m;
    }
}
