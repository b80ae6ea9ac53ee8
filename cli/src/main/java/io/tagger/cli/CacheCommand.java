package io.tagger.cli;

import io.tagger.corpus.TagContract;
import io.tagger.dataset.MtatDataset;
import io.tagger.featurecache.FeatureCache;
import io.tagger.features.Architectures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./tagger cache}: extract and store the features of every clip of a dataset. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Extract the features of every clip of an MTAT-layout dataset once, on all cores, into the feature cache.")
final class CacheCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "ROOT", description = "Dataset root (annotations_final.csv + 0..f/).")
    Path data;

    @Option(names = "--settings", defaultValue = "a", paramLabel = "a|b|c", description = "Feature settings (default: ${DEFAULT-VALUE}).")
    String settings;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: ROOT/.tagger-cache).")
    Path cache;

    @Option(names = "--segments", defaultValue = "" + Architectures.SEGMENTS_PER_TRACK, description = "Segments per clip (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        MtatDataset ds = MtatDataset.read(data, TagContract.TAGS.size());
        ds.problems().forEach(p -> System.err.println("skipped: " + p));
        FeatureCache fc = new FeatureCache(cache != null ? cache : data.resolve(".tagger-cache"),
                Architectures.named(settings), segments);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        FeatureCache.BuildReport r = fc.build(ds.clips(), n, true);
        r.skipped().forEach(s -> System.err.println("skipped: " + s));
        System.out.printf(Locale.ROOT, "%d clips: %d extracted (%.2f clips/s, %d threads), %d already cached, %d rebuilt"
                        + " (corrupt), %d skipped (+%d rows/files skipped by the reader); %.1f MB in %s%n",
                r.clips(), r.computed(), r.clipsPerSecond(), n, r.cached(), r.rebuilt(), r.skipped().size(),
                ds.problems().size(), r.bytes() / 1e6, fc.dir());
        return Tagger.EXIT_OK;
    }
}
