package io.tagger.model.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

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

    private final Path root;
    private final List<String> tags;
    private final List<Clip> clips;
    private final List<String> problems;

    private MtatDataset(Path root, List<String> tags, List<Clip> clips, List<String> problems) {
        this.root = root;
        this.tags = tags;
        this.clips = clips;
        this.problems = problems;
    }

    public static MtatDataset read(Path root, int topTags) throws IOException {
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
                if (c.length != header.length) {
                    problems.add("line " + lineNo + ": " + c.length + " cells, expected " + header.length);
                    continue;
                }
                boolean ok = true;
                for (int i = 1; i < c.length - 1; i++) {
                    if (!c[i].equals("0") && !c[i].equals("1")) {
                        problems.add("line " + lineNo + ": tag cell '" + c[i] + "' is not 0 or 1");
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    rows.add(c);
                }
            }
        }
        int nTags = header.length - 2;
        int[] counts = new int[nTags];
        for (String[] c : rows) {
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
        List<Integer> kept = order.subList(0, Math.min(topTags, nTags));
        List<String> tagNames = new ArrayList<>();
        for (int t : kept) {
            tagNames.add(header[t + 1]);
        }
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
            BitSet bits = new BitSet(kept.size());
            for (int k = 0; k < kept.size(); k++) {
                if (c[kept.get(k) + 1].equals("1")) {
                    bits.set(k);
                }
            }
            clips.add(new Clip(c[0], rel, audio, split, bits));
        }
        return new MtatDataset(root, Collections.unmodifiableList(tagNames), Collections.unmodifiableList(clips),
                Collections.unmodifiableList(problems));
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

    /** The kept tags, most frequent first: the model's output order. */
    public List<String> tags() {
        return tags;
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
