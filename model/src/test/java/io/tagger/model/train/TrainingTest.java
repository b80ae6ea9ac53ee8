package io.tagger.model.train;

import io.tagger.corpus.CorpusGenerator;
import io.tagger.corpus.Engines;
import io.tagger.features.Architectures;
import io.tagger.model.eval.GeneralisationRun;
import io.tagger.serving.BundlePredictor;
import io.tagger.serving.ModelBundle;
import io.tagger.serving.network.BlockType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small real run in CI: a synthetic corpus, a narrow a-ReSE trained two epochs with the paper's
 * recipe, checkpoints and resume, the exported bundle, and serving parity (DJL's scores equal the
 * training graph's inference output within 1e-5).
 */
class TrainingTest {
    @TempDir
    static Path corpus;
    @TempDir
    static Path runs;
    @TempDir
    static Path otherEngine;
    static ModelBundle bundle;
    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @BeforeAll
    static void trainTinyModel() throws Exception {
        List<Path> sf = CorpusGenerator.installedSoundFonts().stream()
                .filter(p -> p.getFileName().toString().startsWith("TimGM6mb")).toList();
        new CorpusGenerator(sf, 2, 8).generate(corpus, 48, 2);
        new CorpusGenerator(sf, 2, new CorpusGenerator.Options(Engines.named("independent"), 4, 0.1, true))
                .generate(otherEngine, 16, 3);
        TrainingConfig tc = new TrainingConfig(2, 23, 0.01, 20, 5, 0.9, 1e-3, 0.5, 7);
        bundle = TrainingJob.run(new TrainingJob.Request(List.of(corpus), corpus.resolve(".cache"), "a", BlockType.RESE, 0.05, tc,
                runs.resolve("bundle"), runs.resolve("work"), 2, "test", "0", "test", List.of(otherEngine), null), QUIET);
    }

    @Test
    void bundleHasTheDesignedContentAndNoOptimizerState() throws Exception {
        Path dir = bundle.dir();
        assertThat(dir.resolve("saved_model.pb")).exists();
        assertThat(dir.resolve("variables")).isDirectory();
        ModelBundle read = ModelBundle.read(dir);
        assertThat(read.tags()).hasSize(50);
        assertThat(read.settings().id()).startsWith("a-");
        assertThat(read.network().block()).isEqualTo(BlockType.RESE);
        assertThat(read.thresholds()).hasSize(50);
        assertThat(read.normalization().mean()).containsKeys("rms", "chromagram", "mfcc");
        assertThat(read.training().get("history")).hasSize(2);
        assertThat(read.metrics().get("test").get("roc_auc").asDouble()).isBetween(0.0, 1.0);
        String index = new String(Files.readAllBytes(dir.resolve("variables/variables.index")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(index).contains("mfcc_b0_conv1_w").doesNotContain("_momentum");
        long bytes;
        try (var s = Files.walk(dir)) {
            bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isLessThan(20L << 20);
    }

    @Test
    void theBestEpochIsChosenOnTheHeldOutSetsTooAndTheReportComparesWithTheBaseline(@TempDir Path out) throws Exception {
        assertThat(bundle.training().get("validation_data")).hasSize(1);
        assertThat(bundle.training().get("validation_data").get(0).asText()).isEqualTo(otherEngine.toAbsolutePath().toString());
        var report = GeneralisationRun.run(bundle, corpus, List.of(
                GeneralisationRun.ConditionSpec.parse("own test split=" + corpus + ":test"),
                GeneralisationRun.ConditionSpec.parse("other engine=" + otherEngine)), otherEngine, 2, QUIET);
        report.write(out);
        String md = Files.readString(out.resolve("generalisation.md"));
        assertThat(md).contains("| own test split | ").contains("| other engine | 16 |").contains("| instruments |")
                .contains("Input without music");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("generalisation.json").toFile());
        double cnn = json.get("conditions").get(1).get("cnn").get("macro").get("roc_auc").asDouble();
        double base = json.get("conditions").get(1).get("baseline").get("macro").get("roc_auc").asDouble();
        assertThat(cnn).isBetween(0.0, 1.0);
        assertThat(base).isBetween(0.0, 1.0);
        assertThat(json.get("non_music").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theBreakdownByAPlanColumnCoversEveryPositiveOfTheEvaluatedSet() throws Exception {
        var ds = io.tagger.dataset.MtatDataset.read(otherEngine, bundle.tags());
        var cache = new io.tagger.featurecache.FeatureCache(otherEngine.resolve(".tagger-cache"), bundle.settings(),
                bundle.segmentsPerTrack());
        cache.build(ds.clips(), 2, true);
        SegmentSet set = SegmentSet.load(cache, ds.clips(), bundle.tags().size());
        var e = io.tagger.model.eval.Evaluation.of(set, io.tagger.model.eval.SetScoring.score(bundle, set), bundle.tags());
        var soundfonts = io.tagger.dataset.ClipTable.column(otherEngine.resolve("corpus_plan.tsv"), "soundfont");
        assertThat(soundfonts).hasSize(16);
        List<String> ids = set.clipList().stream().map(io.tagger.dataset.Clip::id).toList();
        var b = io.tagger.model.eval.Breakdown.of(e, ids, soundfonts, "soundfont");
        // The generator's plan names every clip, so no clip falls in the "?" group, and each family's
        // groups together hold every clip positive for that family.
        assertThat(b.cells()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.group()).isNotEqualTo("?").endsWith(".sf2");
            assertThat(c.rocAuc()).isBetween(0.0, 1.0);
        });
        int drumsPositives = 0;
        int t = bundle.tags().indexOf("drums");
        for (boolean y : e.labels(t)) {
            drumsPositives += y ? 1 : 0;
        }
        assertThat(b.cells().stream().filter(c -> c.family().equals("drums")).mapToInt(c -> c.positives()).sum())
                .isEqualTo(drumsPositives);
    }

    @Test
    void trainingLossIsFiniteAndFalls() {
        var h = bundle.training().get("history");
        double first = h.get(0).get("loss").asDouble();
        double second = h.get(1).get("loss").asDouble();
        assertThat(first).isFinite();
        assertThat(second).isLessThan(first);
    }

    @Test
    void djlServesWhatTheTrainingGraphComputes() throws Exception {
        var ds = io.tagger.dataset.MtatDataset.read(corpus, io.tagger.dataset.MtatDataset.TOP_TAGS);
        var cache = new io.tagger.featurecache.FeatureCache(corpus.resolve(".cache"), bundle.settings(), Architectures.SEGMENTS_PER_TRACK);
        SegmentSet set = SegmentSet.load(cache, ds.clips().subList(0, 3), io.tagger.dataset.MtatDataset.TOP_TAGS);
        float[][] graph;
        try (InferenceGraph inf = new InferenceGraph(bundle.network(), bundle.normalization())) {
            Path best = runs.resolve("work/checkpoints").resolve(bundle.training().get("best_checkpoint").asText()).resolve("model");
            inf.restore(best);
            graph = inf.predict(set, 16);
        }
        int nf = set.features().size();
        int[] rows = new int[nf];
        int[] frames = new int[nf];
        List<float[]> inputs = new ArrayList<>();
        for (int o = 0; o < nf; o++) {
            rows[o] = set.rows(o);
            frames[o] = set.frames(o);
            int size = rows[o] * frames[o];
            float[] buf = new float[set.segments() * size];
            for (int s = 0; s < set.segments(); s++) {
                set.copy(o, s, buf, s * size);
            }
            inputs.add(buf);
        }
        float[][] djl;
        try (BundlePredictor p = new BundlePredictor(bundle); BundlePredictor.Scorer scorer = p.newScorer()) {
            djl = scorer.score(inputs, set.segments(), rows, frames);
        }
        assertThat(djl.length).isEqualTo(30);
        double maxDiff = 0;
        for (int s = 0; s < djl.length; s++) {
            for (int t = 0; t < 50; t++) {
                maxDiff = Math.max(maxDiff, Math.abs(djl[s][t] - graph[s][t]));
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void fineTuningStartsFromExactlyTheBundlesWeights(@TempDir Path work) throws Exception {
        var ds = io.tagger.dataset.MtatDataset.read(corpus, bundle.tags());
        var cache = new io.tagger.featurecache.FeatureCache(corpus.resolve(".cache"), bundle.settings(), Architectures.SEGMENTS_PER_TRACK);
        SegmentSet set = SegmentSet.load(cache, ds.clips().subList(0, 3), bundle.tags().size());
        float[][] shipped;
        try (InferenceGraph inf = new InferenceGraph(bundle.network(), bundle.normalization())) {
            inf.restore(bundle.dir().resolve("variables/variables"));
            shipped = inf.predict(set, 16);
        }
        float[][] fresh;
        float[][] started;
        TrainingConfig tc = new TrainingConfig(1, 23, 0.01, 20, 5, 0.9, 1e-3, 0.5, 99);
        try (Trainer t = new Trainer(bundle.network(), bundle.normalization(), tc, work)) {
            t.save(work.resolve("fresh/model"));
            t.startFrom(bundle.dir());
            t.save(work.resolve("started/model"));
        }
        try (InferenceGraph inf = new InferenceGraph(bundle.network(), bundle.normalization())) {
            inf.restore(work.resolve("fresh/model"));
            fresh = inf.predict(set, 16);
            inf.restore(work.resolve("started/model"));
            started = inf.predict(set, 16);
        }
        assertThat(started).isDeepEqualTo(shipped);
        assertThat(java.util.Arrays.deepEquals(fresh, shipped)).as("a fresh network scores like the bundle").isFalse();
    }

    @Test
    void fineTunesABundleOnPooledCorporaInTheBundlesTagOrder(@TempDir Path guests, @TempDir Path out) throws Exception {
        List<Path> sf = CorpusGenerator.installedSoundFonts().stream()
                .filter(p -> p.getFileName().toString().startsWith("TimGM6mb")).toList();
        new CorpusGenerator(sf, 2, new CorpusGenerator.Options(new io.tagger.corpus.Composer(1), 2, 0.1, true))
                .generate(guests, 16, 5);
        TrainingConfig tc = new TrainingConfig(1, 23, 0.002, 20, 5, 0.9, 1e-3, 0.5, 8);
        ModelBundle tuned = TrainingJob.run(new TrainingJob.Request(List.of(corpus, guests), corpus.resolve(".cache"), "a",
                BlockType.RESE, 0.05, tc, out.resolve("bundle"), out.resolve("work"), 2, "test", "1", "test", List.of(),
                bundle.dir()), QUIET);
        assertThat(tuned.tags()).isEqualTo(bundle.tags());
        assertThat(tuned.normalization().mean().get("mfcc")).isEqualTo(bundle.normalization().mean().get("mfcc"));
        assertThat(tuned.training().get("clips").asInt()).isEqualTo(48 + 16);
        assertThat(tuned.training().get("more_data").get(0).asText()).isEqualTo(guests.toAbsolutePath().toString());
        assertThat(tuned.training().get("init").asText()).isEqualTo("test 0");
        assertThat(guests.resolve(".tagger-cache")).isDirectory();
    }

    @Test
    void refusesToFineTuneADifferentNetwork(@TempDir Path out) {
        TrainingConfig tc = new TrainingConfig(1, 23, 0.002, 20, 5, 0.9, 1e-3, 0.5, 8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingJob.run(new TrainingJob.Request(List.of(corpus),
                        corpus.resolve(".cache"), "a", BlockType.RESE, 0.1, tc, out.resolve("bundle"), out.resolve("work"), 2,
                        "test", "1", "test", List.of(), bundle.dir()), QUIET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width must match");
    }

    @Test
    void anInterruptedRunResumesFromItsLastCheckpoint(@TempDir Path work) throws Exception {
        var ds = io.tagger.dataset.MtatDataset.read(corpus, io.tagger.dataset.MtatDataset.TOP_TAGS);
        var cache = new io.tagger.featurecache.FeatureCache(corpus.resolve(".cache"), bundle.settings(), Architectures.SEGMENTS_PER_TRACK);
        SegmentSet train = SegmentSet.load(cache, ds.clips(io.tagger.dataset.Split.TRAIN), io.tagger.dataset.MtatDataset.TOP_TAGS);
        var cfg = bundle.network();
        try (Trainer t = new Trainer(cfg, bundle.normalization(), new TrainingConfig(1, 23, 0.01, 20, 5, 0.9, 1e-3, 0.5, 3), work)) {
            assertThat(t.train(train, List.of(), QUIET)).hasSize(1);
        }
        // "Interrupted" after epoch 1: a new process asked for 2 epochs does only the second.
        try (Trainer t = new Trainer(cfg, bundle.normalization(), new TrainingConfig(2, 23, 0.01, 20, 5, 0.9, 1e-3, 0.5, 3), work)) {
            List<Trainer.Epoch> h = t.train(train, List.of(), QUIET);
            assertThat(h).extracting(Trainer.Epoch::epoch).containsExactly(0, 1);
        }
        assertThat(work.resolve("checkpoints/epoch-1")).isDirectory();
    }
}
