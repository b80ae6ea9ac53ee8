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

    /**
     * What to train. {@code data} is one or more MTAT-layout corpora whose splits are pooled (the
     * first one's feature cache is {@code cache}, the others' their own {@code ROOT/.tagger-cache});
     * {@code work} keeps checkpoints (resume). {@code init}, when set, is a model bundle to start
     * from: its weights, normalisation and tag order (fine-tuning); the network must be the same.
     */
    public record Request(List<Path> data, Path cache, String arch, BlockType block, double width, TrainingConfig training,
                          Path out, Path work, int threads, String name, String version, String command,
                          List<Path> validationData, Path init) {
        public Request {
            if (data == null || data.isEmpty()) {
                throw new IllegalArgumentException("no training data");
            }
            data = List.copyOf(data);
            validationData = validationData == null ? List.of() : List.copyOf(validationData);
        }

        public Request(Path data, Path cache, String arch, BlockType block, double width, TrainingConfig training,
                       Path out, Path work, int threads, String name, String version, String command) {
            this(List.of(data), cache, arch, block, width, training, out, work, threads, name, version, command, List.of(),
                    null);
        }
    }

    private TrainingJob() {
    }

    public static ModelBundle run(Request q, PrintStream log) throws Exception {
        FeatureSettings settings = Architectures.named(q.arch());
        ModelBundle init = q.init() == null ? null : ModelBundle.read(q.init());
        List<String> tags = null;
        if (init != null) {
            tags = init.tags();
            if (!init.settings().equals(settings)) {
                throw new IllegalArgumentException("--init " + q.init() + " reads the features of another architecture than '"
                        + q.arch() + "'");
            }
        }
        List<SegmentSet> trains = new ArrayList<>();
        List<SegmentSet> valids0 = new ArrayList<>();
        List<SegmentSet> tests = new ArrayList<>();
        int clipCount = 0;
        for (int i = 0; i < q.data().size(); i++) {
            Path root = q.data().get(i);
            // the first corpus orders the vocabulary by its tag frequencies (unless a bundle to start from fixes it);
            // the others are read by tag name
            MtatDataset ds = tags == null ? MtatDataset.read(root, MtatDataset.TOP_TAGS) : MtatDataset.read(root, tags);
            ds.problems().forEach(p -> log.println("skipped: " + p));
            tags = ds.tags();
            FeatureCache cache = new FeatureCache(i == 0 ? q.cache() : root.resolve(".tagger-cache"), settings,
                    Architectures.SEGMENTS_PER_TRACK);
            FeatureCache.BuildReport built = cache.build(ds.clips(), q.threads(), true);
            built.skipped().forEach(s -> log.println("skipped: " + s));
            trains.add(SegmentSet.load(cache, ds.clips(Split.TRAIN), tags.size()));
            valids0.add(SegmentSet.load(cache, ds.clips(Split.VALIDATION), tags.size()));
            tests.add(SegmentSet.load(cache, ds.clips(Split.TEST), tags.size()));
            clipCount += ds.clips().size();
            if (q.data().size() > 1) {
                log.printf(Locale.ROOT, "training data %s: %d clips%n", root, ds.clips().size());
            }
        }
        SegmentSet train = SegmentSet.concat(trains);
        SegmentSet valid = SegmentSet.concat(valids0);
        SegmentSet test = SegmentSet.concat(tests);
        trains.clear();
        valids0.clear();
        tests.clear();
        if (train.segments() < q.training().batchSize()) {
            throw new IllegalArgumentException("the training split has " + train.segments()
                    + " segments, fewer than one batch of " + q.training().batchSize());
        }
        Normalization norm;
        if (init != null) {
            norm = init.normalization();
        } else {
            Normalization.Accumulator acc = new Normalization.Accumulator();
            for (int o = 0; o < train.features().size(); o++) {
                int size = train.rows(o) * train.frames(o);
                float[] seg = new float[size];
                for (int s = 0; s < train.segments(); s++) {
                    train.copy(o, s, seg, 0);
                    acc.add(train.features().get(o), train.rows(o), train.frames(o), seg);
                }
            }
            norm = acc.build();
        }
        NetworkConfig cfg = ModelSpec.network(q.arch(), q.block(), q.width(), tags.size());
        if (init != null && !init.network().equals(cfg)) {
            throw new IllegalArgumentException("--init " + q.init() + " is a " + init.network().name()
                    + "; the requested network is " + cfg.name() + " (architecture, block and width must match)");
        }
        log.printf(Locale.ROOT, "%s, width %.3f; %d/%d/%d clips (train/validation/test)%s%n",
                cfg.name(), q.width(), train.clips(), valid.clips(), test.clips(),
                init == null ? "" : "; starting from " + init.name() + " " + init.version());
        List<SegmentSet> valids = new ArrayList<>(List.of(valid));
        for (Path other : q.validationData()) {
            MtatDataset vd = MtatDataset.read(other, tags);
            FeatureCache vc = new FeatureCache(other.resolve(".tagger-cache"), settings, Architectures.SEGMENTS_PER_TRACK);
            vc.build(vd.clips(), q.threads(), true).skipped().forEach(s -> log.println("skipped: " + s));
            valids.add(SegmentSet.load(vc, vd.clips(), tags.size()));
            log.printf(Locale.ROOT, "validation set %s: %d clips (all splits)%n", other, vd.clips().size());
        }
        Path best;
        long parameters;
        List<Trainer.Epoch> history;
        try (Trainer trainer = new Trainer(cfg, norm, q.training(), q.work())) {
            if (init != null) {
                trainer.startFrom(init.dir());
            }
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
        training.put("data", q.data().get(0).toAbsolutePath().toString());
        if (q.data().size() > 1) {
            var more = training.putArray("more_data");
            q.data().subList(1, q.data().size()).forEach(p -> more.add(p.toAbsolutePath().toString()));
        }
        if (init != null) {
            training.put("init", init.name() + " " + init.version());
        }
        training.put("clips", clipCount);
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
        ModelBundle bundle = new ModelBundle(q.out(), q.name(), q.version(), tags, cfg, settings,
                Architectures.SEGMENTS_PER_TRACK, norm, parameters,
                thresholds, training, metrics);
        bundle.writeJson();
        return bundle;
    }
}
