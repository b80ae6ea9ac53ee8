package io.tagger.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagger.features.Architectures;
import io.tagger.features.FeatureSettings;
import io.tagger.serving.ModelBundle;
import io.tagger.featurecache.FeatureCache;
import io.tagger.dataset.MtatDataset;
import io.tagger.dataset.Split;
import io.tagger.model.eval.Evaluation;
import io.tagger.model.eval.Metrics;
import io.tagger.serving.network.BlockType;
import io.tagger.serving.network.ModelSpec;
import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code ./tagger train} does: read the dataset, fill the feature cache, normalisation
 * statistics from the training split, train with checkpoints and validation ROC-AUC, take the best
 * epoch, choose per-tag thresholds (best F1 on validation), export the bundle with its metrics.
 */
public final class TrainingJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to train; {@code work} keeps checkpoints (resume) and defaults to OUT/../OUT.work. */
    public record Request(Path data, Path cache, String arch, BlockType block, double width, TrainingConfig training,
                          Path out, Path work, int threads, String name, String version, String command,
                          List<Path> validationData) {
        public Request {
            validationData = validationData == null ? List.of() : List.copyOf(validationData);
        }

        public Request(Path data, Path cache, String arch, BlockType block, double width, TrainingConfig training,
                       Path out, Path work, int threads, String name, String version, String command) {
            this(data, cache, arch, block, width, training, out, work, threads, name, version, command, List.of());
        }
    }

    private TrainingJob() {
    }

    public static ModelBundle run(Request q, PrintStream log) throws Exception {
        MtatDataset ds = MtatDataset.read(q.data(), 50);
        ds.problems().forEach(p -> log.println("skipped: " + p));
        FeatureSettings settings = Architectures.named(q.arch());
        FeatureCache cache = new FeatureCache(q.cache(), settings, 10);
        FeatureCache.BuildReport built = cache.build(ds.clips(), q.threads(), true);
        built.skipped().forEach(s -> log.println("skipped: " + s));
        List<String> tags = ds.tags();
        SegmentSet train = SegmentSet.load(cache, ds.clips(Split.TRAIN), tags.size());
        SegmentSet valid = SegmentSet.load(cache, ds.clips(Split.VALIDATION), tags.size());
        SegmentSet test = SegmentSet.load(cache, ds.clips(Split.TEST), tags.size());
        if (train.segments() < q.training().batchSize()) {
            throw new IllegalArgumentException("the training split has " + train.segments()
                    + " segments, fewer than one batch of " + q.training().batchSize());
        }
        Normalization.Accumulator acc = new Normalization.Accumulator();
        for (int o = 0; o < train.features().size(); o++) {
            int size = train.rows(o) * train.frames(o);
            float[] seg = new float[size];
            for (int s = 0; s < train.segments(); s++) {
                train.copy(o, s, seg, 0);
                acc.add(train.features().get(o), train.rows(o), train.frames(o), seg);
            }
        }
        Normalization norm = acc.build();
        NetworkConfig cfg = ModelSpec.network(q.arch(), q.block(), q.width(), tags.size());
        log.printf(Locale.ROOT, "%s, width %.3f; %d/%d/%d clips (train/validation/test)%n",
                cfg.name(), q.width(), train.clips(), valid.clips(), test.clips());
        List<SegmentSet> valids = new ArrayList<>(List.of(valid));
        for (Path other : q.validationData()) {
            MtatDataset vd = MtatDataset.read(other, tags);
            FeatureCache vc = new FeatureCache(other.resolve(".tagger-cache"), settings, 10);
            vc.build(vd.clips(), q.threads(), true).skipped().forEach(s -> log.println("skipped: " + s));
            valids.add(SegmentSet.load(vc, vd.clips(), tags.size()));
            log.printf(Locale.ROOT, "validation set %s: %d clips (all splits)%n", other, vd.clips().size());
        }
        Path best;
        long parameters;
        List<Trainer.Epoch> history;
        try (Trainer trainer = new Trainer(cfg, norm, q.training(), q.work())) {
            parameters = trainer.parameters();
            log.printf(Locale.ROOT, "parameters: %,d%n", parameters);
            history = trainer.train(train, valids, log);
            best = trainer.bestCheckpoint();
        }
        Map<String, Float> thresholds = new LinkedHashMap<>();
        ObjectNode metrics = JSON.createObjectNode();
        try (InferenceGraph inf = new InferenceGraph(cfg, norm)) {
            inf.restore(best);
            // thresholds: best F1 over every validation set together, so they hold beyond the training generator
            SegmentSet thresholdSet = SegmentSet.concat(valids);
            Evaluation v = thresholdSet.clips() > 0 ? Evaluation.of(thresholdSet, inf.predict(thresholdSet, 64), tags) : null;
            for (int t = 0; t < tags.size(); t++) {
                thresholds.put(tags.get(t), v == null ? 0.5f : Metrics.bestF1Threshold(v.scores(t), v.labels(t)));
            }
            if (v != null) {
                metrics.putObject("validation").put("roc_auc", v.macroRocAuc()).put("pr_auc", v.macroPrAuc())
                        .put("clips", v.clips());
            }
            if (test.clips() > 0) {
                Evaluation e = Evaluation.of(test, inf.predict(test, 64), tags);
                metrics.putObject("test").put("roc_auc", e.macroRocAuc()).put("pr_auc", e.macroPrAuc())
                        .put("clips", e.clips()).put("tags_evaluated", e.evaluatedTags());
                log.printf(Locale.ROOT, "test: ROC-AUC %.4f, PR-AUC %.4f (%d clips, %d tags)%n", e.macroRocAuc(),
                        e.macroPrAuc(), e.clips(), e.evaluatedTags());
            }
            inf.export(q.out());
        }
        ObjectNode training = JSON.createObjectNode();
        training.put("data", q.data().toAbsolutePath().toString());
        training.put("clips", ds.clips().size());
        training.put("train_clips", train.clips());
        training.put("validation_clips", valid.clips());
        training.put("test_clips", test.clips());
        var vs = training.putArray("validation_data");
        q.validationData().forEach(p -> vs.add(p.toAbsolutePath().toString()));
        training.put("seed", q.training().seed());
        training.put("epochs", q.training().epochs());
        training.put("batch_size", q.training().batchSize());
        training.put("learning_rate", q.training().learningRate());
        training.put("best_checkpoint", best.getParent().getFileName().toString());
        training.put("command", q.command());
        var h = training.putArray("history");
        for (Trainer.Epoch e : history) {
            h.addObject().put("epoch", e.epoch() + 1).put("loss", e.loss()).put("validation_roc_auc", e.validationRocAuc())
                    .put("seconds", e.seconds()).put("segments_per_second", e.segmentsPerSecond());
        }
        ModelBundle bundle = new ModelBundle(q.out(), q.name(), q.version(), tags, cfg, settings, 10, norm, parameters,
                thresholds, training, metrics);
        bundle.writeJson();
        return bundle;
    }
}
