package io.tagger.model.corpus;

import io.tagger.model.dataset.MtatDataset;
import io.tagger.model.util.Progress;

import javax.sound.midi.Soundbank;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Writes a synthetic tagged corpus in MagnaTagATune's layout (CORPUS.md): clips are composed in
 * order from the seed (balancing: of {@code candidates} drafts the one whose tags are rarest so
 * far is kept), then rendered and encoded in parallel; the result does not depend on the thread
 * count. Besides {@code annotations_final.csv} it writes {@code corpus_plan.tsv}: what each clip
 * renders (style, tempo, programs, drums, velocities, SoundFont), so labels can be audited.
 */
public final class CorpusGenerator {
    public static final int SAMPLE_RATE = 16000;
    public static final String PLAN = "corpus_plan.tsv";
    /** A rendered clip quieter than this RMS is an error (a silent clip would carry false labels). */
    static final double MIN_RMS = 1e-3;

    private final List<Path> soundfonts;
    private final int threads;
    private final int candidates;

    public CorpusGenerator(List<Path> soundfonts, int threads, int candidates) {
        if (soundfonts.isEmpty()) {
            throw new IllegalArgumentException("no SoundFont: install Debian's fluid-soundfont-gm or timgm6mb-soundfont"
                    + " (deploy/setup.sh) or pass --soundfont");
        }
        this.soundfonts = List.copyOf(soundfonts);
        this.threads = Math.max(1, threads);
        this.candidates = Math.max(1, candidates);
    }

    /** The General MIDI SoundFonts Debian installs, those present. */
    public static List<Path> installedSoundFonts() {
        return List.of(Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2"), Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2"))
                .stream().filter(Files::isRegularFile).toList();
    }

    public record Summary(int clips, double seconds, int[] tagCounts) {
        public double clipsPerSecond() {
            return clips / seconds;
        }
    }

    /** Composes clip plans 0..n-1 for {@code seed}: deterministic, balanced, cheap. */
    public List<ClipPlan> compose(int n, long seed) {
        Composer composer = new Composer(soundfonts.size());
        int[] counts = new int[TagContract.TAGS.size()];
        List<ClipPlan> plans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Random r = new Random(seed * 1_000_003L + i);
            ClipPlan best = null;
            double bestScore = -1;
            for (int c = 0; c < candidates; c++) {
                ClipPlan p = composer.compose(Composer.STYLES[r.nextInt(Composer.STYLES.length)], r);
                double score = 0;
                BitSet bits = TagContract.bits(p);
                for (int t = bits.nextSetBit(0); t >= 0; t = bits.nextSetBit(t + 1)) {
                    score += 1.0 / (1 + counts[t]);
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = p;
                }
            }
            BitSet bits = TagContract.bits(best);
            for (int t = bits.nextSetBit(0); t >= 0; t = bits.nextSetBit(t + 1)) {
                counts[t]++;
            }
            plans.add(best);
        }
        return plans;
    }

    public static String relativePath(int clip, long seed) {
        char folder = Character.forDigit(clip % 16, 16);
        return folder + "/synth-" + seed + "-" + String.format(Locale.ROOT, "%06d", clip) + ".mp3";
    }

    public Summary generate(Path root, int n, long seed) throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("--clips must be at least 1");
        }
        long t0 = System.nanoTime();
        List<ClipPlan> plans = compose(n, seed);
        Files.createDirectories(root);
        for (int d = 0; d < 16; d++) {
            Files.createDirectories(root.resolve(String.valueOf(Character.forDigit(d, 16))));
        }
        List<Soundbank> banks = new ArrayList<>();
        for (Path sf : soundfonts) {
            banks.add(GervillRenderer.loadSoundFont(sf));
        }
        Mp3Encoder encoder = Mp3Encoder.mtat();
        Progress progress = new Progress("corpus", n, "clips");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int clip = i;
                futures.add(pool.submit(() -> {
                    ClipPlan plan = plans.get(clip);
                    short[] pcm = new GervillRenderer(banks.get(plan.soundfont()), SAMPLE_RATE).render(plan);
                    double rms = rms(pcm);
                    if (rms < MIN_RMS) {
                        throw new IllegalStateException("clip " + clip + " rendered silent (RMS " + rms + ")");
                    }
                    encoder.encode(pcm, SAMPLE_RATE, root.resolve(relativePath(clip, seed)));
                    progress.step();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int[] counts = writeAnnotations(root, plans, seed);
        writePlan(root, plans, seed);
        return new Summary(n, (System.nanoTime() - t0) / 1e9, counts);
    }

    static double rms(short[] pcm) {
        double s = 0;
        for (short v : pcm) {
            double x = v / 32768.0;
            s += x * x;
        }
        return Math.sqrt(s / Math.max(1, pcm.length));
    }

    private static int[] writeAnnotations(Path root, List<ClipPlan> plans, long seed) throws IOException {
        int[] counts = new int[TagContract.TAGS.size()];
        Path tmp = root.resolve(MtatDataset.ANNOTATIONS + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>();
            header.add("clip_id");
            header.addAll(TagContract.TAGS);
            header.add("mp3_path");
            w.write(quoted(header));
            w.newLine();
            for (int i = 0; i < plans.size(); i++) {
                BitSet bits = TagContract.bits(plans.get(i));
                List<String> row = new ArrayList<>();
                row.add(String.valueOf(i));
                for (int t = 0; t < TagContract.TAGS.size(); t++) {
                    row.add(bits.get(t) ? "1" : "0");
                    if (bits.get(t)) {
                        counts[t]++;
                    }
                }
                row.add(relativePath(i, seed));
                w.write(quoted(row));
                w.newLine();
            }
        }
        Files.move(tmp, root.resolve(MtatDataset.ANNOTATIONS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return counts;
    }

    /** MTAT quotes every cell. */
    private static String quoted(List<String> cells) {
        return cells.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining("\t"));
    }

    private void writePlan(Path root, List<ClipPlan> plans, long seed) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(root.resolve(PLAN), StandardCharsets.UTF_8)) {
            w.write("clip_id\tstyle\tbpm\tprograms\tdrum_kit\tdrum_notes\tmin_velocity\tmax_velocity\tsoundfont\ttags");
            w.newLine();
            for (int i = 0; i < plans.size(); i++) {
                ClipPlan p = plans.get(i);
                String programs = p.parts().stream().map(x -> x.program() + ":" + x.role().name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(","));
                int min = 127;
                int max = 0;
                for (Part part : p.parts()) {
                    for (Note note : part.notes()) {
                        min = Math.min(min, note.velocity());
                        max = Math.max(max, note.velocity());
                    }
                }
                for (Note note : p.drums()) {
                    min = Math.min(min, note.velocity());
                    max = Math.max(max, note.velocity());
                }
                w.write(String.join("\t", String.valueOf(i), p.style(), String.valueOf(p.bpm()), programs,
                        String.valueOf(p.drumKit()), String.valueOf(p.drums().size()), String.valueOf(min),
                        String.valueOf(max), soundfonts.get(p.soundfont()).getFileName().toString(),
                        String.join(",", TagContract.tagsOf(p))));
                w.newLine();
            }
        }
    }
}
