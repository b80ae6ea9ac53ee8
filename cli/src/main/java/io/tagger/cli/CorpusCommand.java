package io.tagger.cli;

import io.tagger.corpus.ClipPlan;
import io.tagger.corpus.Composer;
import io.tagger.corpus.CorpusGenerator;
import io.tagger.corpus.Engines;
import io.tagger.corpus.PlanStatistics;
import io.tagger.corpus.SoundFonts;
import io.tagger.corpus.TagContract;
import io.tagger.dataset.MtatDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./tagger corpus}: a synthetic tagged corpus in MagnaTagATune's layout. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Generate a synthetic tagged corpus (MIDI rendered with General MIDI SoundFonts) in MagnaTagATune's layout.")
final class CorpusCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "ROOT", description = "Corpus root (annotations_final.csv + 0..f/); required unless --describe or --check-soundfonts.")
    Path out;

    @Option(names = "--clips", required = true, description = "Number of 29.1 s clips.")
    int clips;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: the same seed gives the same corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--soundfont", paramLabel = "SF2", description = "SoundFont(s) to render with, chosen per clip (default: the training SoundFonts Debian installed).")
    List<Path> soundfonts;

    @Option(names = "--held-out-soundfonts", description = "Render with the SoundFont(s) kept out of training (the unseen-timbre test set).")
    boolean heldOut;

    @Option(names = "--engine", defaultValue = "primary",
            description = "Arrangement engine: primary (training) or independent (testing only) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--guest-parts", defaultValue = "0", paramLabel = "SHARE",
            description = "Primary engine: share of clips (0-1) given one more part whose instrument ignores the style, "
                    + "a voice a third of the time (default: ${DEFAULT-VALUE}).")
    double guestParts;

    @Option(names = "--guests-per-clip", defaultValue = "1", paramLabel = "MAX",
            description = "Primary engine, with --guest-parts: a clip that gets guests gets 1 to MAX of them, 1-"
                    + Composer.MAX_GUESTS + " (default: ${DEFAULT-VALUE}).")
    int guestsPerClip;

    @Option(names = "--keyboard-textures",
            description = "Primary engine: write half of the keyboard and harp parts for two hands (a melody over an "
                    + "Alberti, broken-chord, block-chord or stride left hand).")
    boolean keyboardTextures;

    @Option(names = "--idiomatic-parts",
            description = "Primary engine: fold half of the parts into their instrument's natural register and play half "
                    + "of the sustaining melodies as held lines.")
    boolean idiomaticParts;

    @Option(names = "--non-music", defaultValue = "0.04", description = "Share of clips without music: silence, noise, hum, clicks (default: ${DEFAULT-VALUE}).")
    double nonMusic;

    @Option(names = "--plain", description = "No randomised production: MTAT's plain render at 32 kbit/s.")
    boolean plain;

    @Option(names = "--describe",
            description = "Render nothing: print what the engine's clips would play, per instrument family (notes per part, "
                    + "note length, velocity, share of seconds sounding, register bands).")
    boolean describe;

    @Option(names = "--check-soundfonts", description = "Only check that each SoundFont plays every program the label contract names.")
    boolean checkSoundfonts;

    @Option(names = "--threads", description = "Rendering threads (default: all cores).")
    Integer threads;

    @Option(names = "--candidates", defaultValue = "8", description = "Drafts per clip for tag balancing (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Override
    public Integer call() throws Exception {
        List<Path> sf = soundfonts != null ? soundfonts
                : heldOut ? SoundFonts.HELD_OUT.stream().filter(Files::isRegularFile).toList()
                : CorpusGenerator.installedSoundFonts();
        if (checkSoundfonts) {
            return checkSoundFonts(sf);
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (!(guestParts >= 0 && guestParts <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--guest-parts must be in 0-1, got " + guestParts);
        }
        if ((keyboardTextures || idiomaticParts || guestsPerClip != 1) && !engine.equals("primary")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--keyboard-textures, --idiomatic-parts and --guests-per-clip are options of the primary engine only");
        }
        if (guestParts != 0 && !engine.equals("primary")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--guest-parts is an option of the primary engine only");
        }
        if (guestsPerClip < 1 || guestsPerClip > Composer.MAX_GUESTS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--guests-per-clip must be in 1-" + Composer.MAX_GUESTS + ", got " + guestsPerClip);
        }
        var arrangement = engine.equals("primary") ? new Composer(variety()) : Engines.named(engine);
        var options = new CorpusGenerator.Options(arrangement, candidates, nonMusic, !plain);
        if (describe) {
            List<ClipPlan> plans = new CorpusGenerator(sf, n, options).compose(clips, seed);
            System.out.printf(Locale.ROOT, "%s engine, %d clips, seed %d%n", arrangement.name(), clips, seed);
            System.out.println(PlanStatistics.header());
            PlanStatistics.of(plans).forEach(r -> System.out.println(r.format()));
            return 0;
        }
        if (out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out is required to generate a corpus");
        }
        CorpusGenerator.Summary s = new CorpusGenerator(sf, n, options).generate(out, clips, seed);
        MtatDataset check = MtatDataset.read(out, TagContract.TAGS.size());
        System.out.printf(Locale.ROOT, "%d clips in %.1f s (%.2f clips/s, %d threads), %s%n", s.clips(), s.seconds(),
                s.clipsPerSecond(), n, out);
        System.out.printf(Locale.ROOT, "read back: %d clips, %d problems%n", check.clips().size(), check.problems().size());
        System.out.println("tag frequencies (share of clips):");
        for (int t = 0; t < TagContract.TAGS.size(); t++) {
            String tag = TagContract.TAGS.get(t);
            if (!TagContract.NOT_SYNTHESISABLE.contains(tag)) {
                System.out.printf(Locale.ROOT, "  %-12s %5.1f%%%n", tag, 100.0 * s.tagCounts()[t] / s.clips());
            }
        }
        return check.problems().isEmpty() ? 0 : Tagger.EXIT_BAD_INPUT;
    }

    private Composer.Variety variety() {
        Composer.Variety v = Composer.Variety.NONE.withGuests(guestParts, guestsPerClip);
        v = keyboardTextures ? v.withKeyboardTextures() : v;
        return idiomaticParts ? v.withIdiomaticParts() : v;
    }

    private static int checkSoundFonts(List<Path> sf) throws Exception {
        int bad = 0;
        for (Path p : sf) {
            List<SoundFonts.ProgramCheck> checks = SoundFonts.check(p, CorpusGenerator.SAMPLE_RATE);
            List<String> silent = checks.stream().filter(c -> !c.audible())
                    .map(c -> c.program() >= 128 ? "kit " + (c.program() - 128) : "program " + c.program()).toList();
            System.out.printf(Locale.ROOT, "%-28s %s%n", p.getFileName(),
                    silent.isEmpty() ? "plays all " + checks.size() + " programs and kits" : "SILENT: " + String.join(", ", silent));
            bad += silent.isEmpty() ? 0 : 1;
        }
        return bad == 0 ? 0 : Tagger.EXIT_BAD_INPUT;
    }
}
