package io.tagger.corpus;

import io.tagger.dataset.MtatDataset;
import io.tagger.dataset.util.Progress;

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
import java.util.stream.Stream;

/**
 * Writes a synthetic tagged corpus in MagnaTagATune's layout (docs/corpus.md): clips are drafted in
 * order from the seed (balancing: of {@code candidates} drafts the one whose tags are rarest so
 * far is kept), then rendered and encoded in parallel; the result does not depend on the thread
 * count. Besides {@code annotations_final.csv} it writes {@code corpus_plan.tsv}: what each clip
 * renders (style, tempo, programs, drums, velocities, SoundFont), so labels can be audited.
 */
public final class CorpusGenerator {
    public static final int SAMPLE_RATE = 16000;
    public static final String PLAN = "corpus_plan.tsv";
    /** A rendered music clip quieter than this RMS is an error (a silent clip would carry false labels). */
    static final double MIN_RMS = 1e-3;

    private final List<Path> soundfonts;
    private final int threads;
    private final Options options;

    /**
     * What a corpus is made of, besides its size and seed.
     *
     * @param engine        the arrangement engine that writes the music
     * @param candidates    drafts per clip for tag balancing (1: none)
     * @param nonMusicShare share of clips without music ({@link NonMusic}), 0-1 (1: a non-music test set)
     * @param randomised    draw a {@link Production} per clip (mix, master, MP3 bitrate); false: MTAT's
     *                      plain 32 kbit/s render with a random reverb send
     */
    public record Options(ArrangementEngine engine, int candidates, double nonMusicShare, boolean randomised) {
        public Options {
            if (candidates < 1 || !(nonMusicShare >= 0 && nonMusicShare <= 1)) {
                throw new IllegalArgumentException("candidates must be >= 1 and the non-music share within 0-1");
            }
        }

        /** The primary engine, 8 drafts, 4% non-music, randomised production. */
        public static Options defaults() {
            return new Options(new Composer(), 8, 0.04, true);
        }
    }

    /** One clip before rendering: its music (or none), how it is produced, and what plays instead of music. */
    public record Draft(ClipPlan plan, Production production, NonMusic.Kind nonMusic) {
        public boolean isMusic() {
            return nonMusic == null;
        }
    }

    public CorpusGenerator(List<Path> soundfonts, int threads, int candidates) {
        this(soundfonts, threads, new Options(new Composer(), candidates, Options.defaults().nonMusicShare(), true));
    }

    public CorpusGenerator(List<Path> soundfonts, int threads, Options options) {
        if (soundfonts.isEmpty()) {
            throw new IllegalArgumentException("no SoundFont: install Debian's GM SoundFonts (deploy/setup.sh --full)"
                    + " or pass --soundfont");
        }
        this.soundfonts = List.copyOf(soundfonts);
        this.threads = Math.max(1, threads);
        this.options = options;
    }

    /** The General MIDI SoundFonts Debian installs that the training corpus renders with, those present. */
    public static List<Path> installedSoundFonts() {
        return SoundFonts.TRAINING.stream().filter(Files::isRegularFile).toList();
    }

    public record Summary(int clips, double seconds, int[] tagCounts) {
        public double clipsPerSecond() {
            return clips / seconds;
        }
    }

    /** The music of clips 0..n-1 for {@code seed} (non-music clips have a plan without parts). */
    public List<ClipPlan> compose(int n, long seed) {
        return draft(n, seed).stream().map(Draft::plan).toList();
    }

    /** Drafts clips 0..n-1 for {@code seed}: deterministic, balanced, cheap (nothing is rendered). */
    public List<Draft> draft(int n, long seed) {
        ArrangementEngine engine = options.engine();
        List<String> styles = engine.styles();
        int[] counts = new int[TagContract.TAGS.size()];
        List<Draft> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Random r = clipRandom(seed, i, 0);
            if (r.nextDouble() < options.nonMusicShare()) {
                NonMusic.Kind kind = NonMusic.Kind.values()[r.nextInt(NonMusic.Kind.values().length)];
                drafts.add(new Draft(NonMusic.plan(kind), production(r), kind));
                continue;
            }
            ClipPlan best = null;
            double bestScore = -1;
            for (int c = 0; c < options.candidates(); c++) {
                ClipPlan p = engine.compose(styles.get(r.nextInt(styles.size())), r);
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
            Production production = production(r);
            ClipPlan sounded = best.withSound(production.soundfont(), production.reverb());
            if (options.randomised()) {
                sounded = PartVoicing.voice(sounded, production, r);
            }
            drafts.add(new Draft(sounded, production, null));
        }
        return drafts;
    }

    /**
     * The random source of one clip's {@code stream} (0: music and production, 1: rendering noise).
     * Seeds are hashed (SplitMix64's finaliser): {@link Random}'s first draws from consecutive
     * seeds are nearly equal, which made neighbouring clips draw alike.
     */
    static Random clipRandom(long seed, int clip, int stream) {
        long z = seed * 0x9E3779B97F4A7C15L + clip * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    private Production production(Random r) {
        return options.randomised() ? Production.draw(r, soundfonts.size())
                : Production.plain(r.nextInt(soundfonts.size()), r.nextInt(80));
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
        List<Draft> drafts = draft(n, seed);
        Files.createDirectories(root);
        for (int d = 0; d < 16; d++) {
            Files.createDirectories(root.resolve(String.valueOf(Character.forDigit(d, 16))));
        }
        List<Soundbank> banks = new ArrayList<>();
        for (Path sf : soundfonts) {
            banks.add(GervillRenderer.loadSoundFont(sf));
        }
        String lame = Mp3Encoder.mtat().lame();
        Progress progress = new Progress("corpus", n, "clips");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int clip = i;
                futures.add(pool.submit(() -> {
                    Path out = root.resolve(relativePath(clip, seed));
                    if (!Files.isRegularFile(out)) { // a resumed run keeps the clips it already wrote
                        Draft d = drafts.get(clip);
                        short[] pcm = render(d, banks, clipRandom(seed, clip, 1));
                        new Mp3Encoder(lame, d.production().mp3Kbps()).encode(pcm, SAMPLE_RATE, out);
                    }
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
        List<ClipPlan> plans = drafts.stream().map(Draft::plan).toList();
        int[] counts = writeAnnotations(root, plans, seed);
        writePlan(root, drafts, seed);
        return new Summary(n, (System.nanoTime() - t0) / 1e9, counts);
    }

    /** The clip's 16-bit mono samples: rendered and mastered music, or the non-music source. */
    short[] render(Draft d, List<Soundbank> banks, Random r) throws Exception {
        int samples = (int) Math.round(d.plan().seconds() * SAMPLE_RATE);
        if (!d.isMusic()) {
            double[] x = NonMusic.render(d.nonMusic(), samples, SAMPLE_RATE, r);
            if (d.nonMusic() != NonMusic.Kind.SILENCE && d.nonMusic() != NonMusic.Kind.NEAR_SILENCE) {
                Mastering.process(x, d.production().filtersOnly(), SAMPLE_RATE, r);
            }
            return Mastering.toPcm(x);
        }
        GervillRenderer renderer = new GervillRenderer(banks.get(d.plan().soundfont()), SAMPLE_RATE);
        if (!options.randomised()) {
            short[] pcm = renderer.render(d.plan());
            double rms = rms(pcm);
            if (rms < MIN_RMS) {
                throw new IllegalStateException(d.plan().style() + " clip rendered silent (RMS " + rms + ")");
            }
            return pcm;
        }
        GervillRenderer.Stereo st = renderer.renderStereo(d.plan());
        double rms = Math.max(rms(st.left()), rms(st.right()));
        if (rms < MIN_RMS / 10) {
            throw new IllegalStateException(d.plan().style() + " clip rendered silent (RMS " + rms + ")");
        }
        return Mastering.master(st.left(), st.right(), d.production(), SAMPLE_RATE, r);
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s / Math.max(1, x.length));
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

    private void writePlan(Path root, List<Draft> drafts, long seed) throws IOException {
        List<String> sfNames = soundfonts.stream().map(p -> p.getFileName().toString()).toList();
        try (BufferedWriter w = Files.newBufferedWriter(root.resolve(PLAN), StandardCharsets.UTF_8)) {
            w.write("clip_id\tengine\tstyle\tbpm\tprograms\tdrum_kit\tdrum_notes\tmin_velocity\tmax_velocity"
                    + "\tsoundfont\tproduction\ttags");
            w.newLine();
            for (int i = 0; i < drafts.size(); i++) {
                ClipPlan p = drafts.get(i).plan();
                String programs = p.parts().stream().map(x -> x.program() + ":" + x.role().name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(","));
                int min = 127;
                int max = 0;
                for (Note note : Stream.concat(p.parts().stream().flatMap(x -> x.notes().stream()), p.drums().stream())
                        .toList()) {
                    min = Math.min(min, note.velocity());
                    max = Math.max(max, note.velocity());
                }
                w.write(String.join("\t", String.valueOf(i), drafts.get(i).isMusic() ? options.engine().name() : "-",
                        p.style(), String.valueOf(p.bpm()), programs, String.valueOf(p.drumKit()),
                        String.valueOf(p.drums().size()), String.valueOf(min), String.valueOf(max),
                        sfNames.get(p.soundfont()), drafts.get(i).production().describe(sfNames),
                        String.join(",", TagContract.tagsOf(p))));
                w.newLine();
            }
        }
    }
}
