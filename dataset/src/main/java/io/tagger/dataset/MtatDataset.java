package io.tagger.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset in MagnaTagATune's layout: {@code annotations_final.csv} (tab-separated, header
 * {@code clip_id <tag...> mp3_path}, one 0/1 cell per tag, cells quoted or not) and the audio
 * under hex folders {@code 0..f}. Reads the real MTAT unchanged and the synthetic corpus alike.
 *
 * <p>Only the {@code topTags} most frequent tags are kept (ties broken by column order, as a
 * stable sort of MTAT's columns does). Rows that cannot be parsed and rows whose audio file is
 * missing are skipped and reported in {@link #problems()}; they never abort a read.
 */
public final class MtatDataset {
    public static final String ANNOTATIONS = "annotations_final.csv";
    /**
     * The tag vocabulary the paper trains on: MagnaTagATune's 50 most frequent tags, most frequent
     * first (what the networks output). The one list of it: the synthetic corpus labels these
     * ({@code TagContract.TAGS}); a model bundle records the tags it was trained on, and serving
     * reads the count from there.
     */
    public static final List<String> VOCABULARY = List.of("guitar", "classical", "slow", "techno", "strings", "drums",
            "electronic", "rock", "fast", "piano", "ambient", "beat", "violin", "vocal", "synth", "female", "indian",
            "opera", "male", "singing", "vocals", "no vocals", "harpsichord", "loud", "quiet", "flute", "woman",
            "male vocal", "no vocal", "pop", "soft", "sitar", "solo", "man", "classic", "choir", "voice", "new age",
            "dance", "male voice", "female vocal", "beats", "harp", "cello", "no voice", "weird", "country", "metal",
            "female voice", "choral");
    /** How many tags the vocabulary has: the {@code topTags} training reads a dataset with. */
    public static final int TOP_TAGS = VOCABULARY.size();

    private final Path root;
    private final List<String> tags;
    private final List<String> absentTags;
    private final List<Clip> clips;
    private final List<String> problems;

    private MtatDataset(Path root, List<String> tags, List<String> absentTags, List<Clip> clips, List<String> problems) {
        this.root = root;
        this.tags = tags;
        this.absentTags = absentTags;
        this.clips = clips;
        this.problems = problems;
    }

    /** The {@code topTags} most frequent tags of the dataset, most frequent first (training's view). */
    public static MtatDataset read(Path root, int topTags) throws IOException {
        Table table = Table.read(root);
        int nTags = table.header().length - 2;
        int[] counts = new int[nTags];
        for (String[] c : table.rows()) {
            for (int t = 0; t < nTags; t++) {
                if (c[t + 1].equals("1")) {
                    counts[t]++;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < nTags; t++) {
            order.add(t);
        }
        order.sort(Comparator.comparingInt((Integer t) -> -counts[t]));
        List<String> names = new ArrayList<>();
        for (int t : order.subList(0, Math.min(topTags, nTags))) {
            names.add(table.header()[t + 1]);
        }
        return table.select(root, names);
    }

    /**
     * The tags of {@code vocabulary}, in its order, matched to the dataset's columns by name (a
     * model's view: its tag order, whatever the dataset's frequencies). A vocabulary tag the
     * dataset has no column for is listed in {@link #absentTags()} and is negative for every clip.
     */
    public static MtatDataset read(Path root, List<String> vocabulary) throws IOException {
        return Table.read(root).select(root, vocabulary);
    }

    /** The parsed annotation file: its header and the rows whose cells are well formed. */
    private record Table(String[] header, List<String[]> rows, List<String> problems) {
        static Table read(Path root) throws IOException {
            Path csv = root.resolve(ANNOTATIONS);
            if (!Files.isRegularFile(csv)) {
                throw new IOException("not a MagnaTagATune-layout dataset: " + csv + " is missing");
            }
            List<String> problems = new ArrayList<>();
            List<String[]> rows = new ArrayList<>();
            String[] header;
            try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                String line = r.readLine();
                if (line == null) {
                    throw new IOException(csv + " is empty");
                }
                header = cells(line);
                if (header.length < 3 || !header[0].equals("clip_id") || !header[header.length - 1].equals("mp3_path")) {
                    throw new IOException(csv + ": header must be 'clip_id <tags...> mp3_path', got "
                            + String.join(" | ", header));
                }
                int lineNo = 1;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] c = cells(line);
                    String problem = rowProblem(c, header.length);
                    if (problem != null) {
                        problems.add("line " + lineNo + ": " + problem);
                    } else {
                        rows.add(c);
                    }
                }
            }
            return new Table(header, rows, problems);
        }

        private static String rowProblem(String[] c, int cells) {
            if (c.length != cells) {
                return c.length + " cells, expected " + cells;
            }
            for (int i = 1; i < c.length - 1; i++) {
                if (!c[i].equals("0") && !c[i].equals("1")) {
                    return "tag cell '" + c[i] + "' is not 0 or 1";
                }
            }
            return null;
        }

        /** The clips with the named tag columns, in that order (a name without a column: never positive). */
        MtatDataset select(Path root, List<String> names) {
            Map<String, Integer> column = new HashMap<>();
            for (int i = header.length - 2; i >= 1; i--) {
                column.put(header[i], i); // the first column of a repeated name wins
            }
            int[] cols = new int[names.size()];
            List<String> absent = new ArrayList<>();
            for (int k = 0; k < cols.length; k++) {
                cols[k] = column.getOrDefault(names.get(k), -1);
                if (cols[k] < 0) {
                    absent.add(names.get(k));
                }
            }
            List<String> problems = new ArrayList<>(this.problems);
            List<Clip> clips = new ArrayList<>();
            for (String[] c : rows) {
                String rel = c[c.length - 1];
                if (rel.isEmpty() || rel.indexOf('/') != 1) {
                    problems.add("clip " + c[0] + ": audio path '" + rel + "' is not '<hex folder>/<name>'");
                    continue;
                }
                Split split;
                try {
                    split = Split.ofFolder(rel.charAt(0));
                } catch (IllegalArgumentException e) {
                    problems.add("clip " + c[0] + ": " + e.getMessage());
                    continue;
                }
                Path audio = root.resolve(rel);
                if (!Files.isRegularFile(audio)) {
                    problems.add("clip " + c[0] + ": audio file " + rel + " is missing");
                    continue;
                }
                BitSet bits = new BitSet(cols.length);
                for (int k = 0; k < cols.length; k++) {
                    if (cols[k] >= 0 && c[cols[k]].equals("1")) {
                        bits.set(k);
                    }
                }
                clips.add(new Clip(c[0], rel, audio, split, bits));
            }
            return new MtatDataset(root, List.copyOf(names), List.copyOf(absent), Collections.unmodifiableList(clips),
                    Collections.unmodifiableList(problems));
        }
    }

    /** Tab-separated cells, each with optional surrounding double quotes removed. */
    static String[] cells(String line) {
        String[] c = line.split("\t", -1);
        for (int i = 0; i < c.length; i++) {
            String v = c[i].strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1).replace("\"\"", "\"");
            }
            c[i] = v;
        }
        return c;
    }

    public Path root() {
        return root;
    }

    /** The kept tags: most frequent first, or the vocabulary's order when read for a vocabulary. */
    public List<String> tags() {
        return tags;
    }

    /** Vocabulary tags the dataset has no column for (empty when read by frequency). */
    public List<String> absentTags() {
        return absentTags;
    }

    public List<Clip> clips() {
        return clips;
    }

    public List<Clip> clips(Split split) {
        return clips.stream().filter(c -> c.split() == split).toList();
    }

    /** Rows and files that were skipped, one line each. */
    public List<String> problems() {
        return problems;
    }
}
