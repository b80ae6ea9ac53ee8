package io.tagger.model.eval;

import io.tagger.model.baseline.LogisticBaseline;
import io.tagger.serving.ModelBundle;
import io.tagger.featurecache.FeatureCache;
import io.tagger.dataset.Clip;
import io.tagger.dataset.ClipTable;
import io.tagger.dataset.MtatDataset;
import io.tagger.dataset.Split;
import io.tagger.model.train.SegmentSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link GeneralisationReport}: the bundle (served through DJL) and the mean/std +
 * logistic-regression baseline, fitted on the training data's train split with the bundle's
 * feature settings, on each test condition; and the bundle's scores on clips without music. Every
 * dataset is read by the bundle's tag names and gets its features cached under its root.
 */
public final class GeneralisationRun {
    /** A test condition: a name, a dataset root and its split ({@code all}, train, validation, test). */
    public record ConditionSpec(String name, Path root, String split) {
        /** Parses {@code NAME=ROOT[:SPLIT]} (SPLIT defaults to all). */
        public static ConditionSpec parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a condition is NAME=ROOT[:SPLIT], got '" + spec + "'");
            }
            String where = spec.substring(eq + 1);
            int colon = where.lastIndexOf(':');
            if (colon > 0 && !Files.isDirectory(Path.of(where))) {
                return new ConditionSpec(spec.substring(0, eq), Path.of(where.substring(0, colon)), where.substring(colon + 1));
            }
            return new ConditionSpec(spec.substring(0, eq), Path.of(where), "all");
        }
    }

    private GeneralisationRun() {
    }

    public static GeneralisationReport run(ModelBundle bundle, Path trainData, List<ConditionSpec> conditions,
                                           Path nonMusic, int threads, PrintStream log) throws Exception {
        return run(bundle, List.of(trainData), conditions, nonMusic, threads, log);
    }

    /** @param trainData the corpora the model was trained on: the baseline is fitted on their train splits together */
    public static GeneralisationReport run(ModelBundle bundle, List<Path> trainData, List<ConditionSpec> conditions,
                                           Path nonMusic, int threads, PrintStream log) throws Exception {
        List<String> tags = bundle.tags();
        List<SegmentSet> fits = new ArrayList<>();
        for (Path root : trainData) {
            fits.add(load(bundle, root, "train", threads));
        }
        SegmentSet fit = SegmentSet.concat(fits);
        fits.clear();
        LogisticBaseline baseline = LogisticBaseline.defaults();
        baseline.fit(fit, tags.size(), 1);
        List<GeneralisationReport.Condition> out = new ArrayList<>();
        for (ConditionSpec c : conditions) {
            SegmentSet set = load(bundle, c.root(), c.split(), threads);
            var cond = new GeneralisationReport.Condition(c.name(), c.root() + ":" + c.split(),
                    Evaluation.of(set, SetScoring.score(bundle, set), tags), Evaluation.of(set, baseline.predict(set), tags));
            log.printf(Locale.ROOT, "%s: CNN %.4f, baseline %.4f (%d clips)%n", c.name(), cond.cnn().macroRocAuc(),
                    cond.baseline().macroRocAuc(), set.clips());
            out.add(cond);
        }
        List<GeneralisationReport.NonMusicClip> quiet = new ArrayList<>();
        if (nonMusic != null) {
            SegmentSet set = load(bundle, nonMusic, "all", threads);
            float[][] clip = Evaluation.clipMeans(set, SetScoring.score(bundle, set));
            Map<String, String> kinds = styles(nonMusic);
            for (int c = 0; c < set.clips(); c++) {
                Map<String, Float> scores = new LinkedHashMap<>();
                for (int t = 0; t < tags.size(); t++) {
                    scores.put(tags.get(t), clip[c][t]);
                }
                quiet.add(new GeneralisationReport.NonMusicClip(kinds.getOrDefault(set.clipList().get(c).id(), "?"), scores));
            }
        }
        return new GeneralisationReport(bundle.name() + " " + bundle.version(), out, quiet);
    }

    static SegmentSet load(ModelBundle bundle, Path root, String split, int threads) throws Exception {
        MtatDataset ds = MtatDataset.read(root, bundle.tags());
        List<Clip> clips = split.equalsIgnoreCase("all") ? ds.clips() : ds.clips(Split.parse(split));
        FeatureCache fc = new FeatureCache(root.resolve(".tagger-cache"), bundle.settings(), bundle.segmentsPerTrack());
        fc.build(clips, threads, true);
        return SegmentSet.load(fc, clips, bundle.tags().size());
    }

    /** Clip id to its style ("non-music:white", ...) from the corpus plan, when the corpus has one. */
    static Map<String, String> styles(Path root) throws IOException {
        Path plan = root.resolve("corpus_plan.tsv");
        return Files.isRegularFile(plan) ? ClipTable.column(plan, "style") : Map.of();
    }
}
