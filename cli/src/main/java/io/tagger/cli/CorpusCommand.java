package io.tagger.cli;

import io.tagger.model.corpus.CorpusGenerator;
import io.tagger.model.corpus.TagContract;
import io.tagger.model.dataset.MtatDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./tagger corpus}: a synthetic tagged corpus in MagnaTagATune's layout. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Generate a synthetic tagged corpus (MIDI rendered with General MIDI SoundFonts) in MagnaTagATune's layout.")
final class CorpusCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Corpus root (annotations_final.csv + 0..f/).")
    Path out;

    @Option(names = "--clips", required = true, description = "Number of 29.1 s clips.")
    int clips;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: the same seed gives the same corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--soundfont", paramLabel = "SF2", description = "SoundFont(s) to render with, chosen per clip (default: Debian's installed GM SoundFonts).")
    List<Path> soundfonts;

    @Option(names = "--threads", description = "Rendering threads (default: all cores).")
    Integer threads;

    @Option(names = "--candidates", defaultValue = "8", description = "Drafts per clip for tag balancing (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Override
    public Integer call() throws Exception {
        List<Path> sf = soundfonts != null ? soundfonts : CorpusGenerator.installedSoundFonts();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        CorpusGenerator.Summary s = new CorpusGenerator(sf, n, candidates).generate(out, clips, seed);
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
}
