package io.tagger.cli;

import io.tagger.model.baseline.LogisticBaseline;
import io.tagger.model.bundle.ModelBundle;
import io.tagger.model.cache.FeatureCache;
import io.tagger.model.dataset.Clip;
import io.tagger.model.dataset.MtatDataset;
import io.tagger.model.dataset.Split;
import io.tagger.model.eval.Evaluation;
import io.tagger.model.eval.GeneralisationReport;
import io.tagger.model.train.SegmentSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./tagger generalisation}: the model and the mean/std + logistic-regression baseline
 * (fitted on the training data's train split, with the model's feature settings) on several test
 * conditions, and the model on clips without music; writes {@code generalisation.md} and
 * {@code generalisation.json}.
 */
@Command(name = "generalisation", mixinStandardHelpOptions = true,
        description = "Evaluate a model and the baseline on several test conditions (own split, other engine, unseen"
                + " SoundFont, ...) and on non-music clips: a Markdown and JSON report.")
final class GeneralisationCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE_DIR") Path model;
    @Option(names = "--train-data", required = true, paramLabel = "ROOT",
            description = "The model's training data: the baseline is fitted on its train split.") Path trainData;
    @Option(names = "--set", required = true, paramLabel = "NAME=ROOT[:SPLIT]",
            description = "A test condition: a dataset and its split (default all), e.g. 'other engine=/c/independent'.")
    List<String> sets;
    @Option(names = "--non-music", paramLabel = "ROOT", description = "A corpus of clips without music (./tagger corpus --non-music 1).")
    Path nonMusic;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--threads") Integer threads;

    @Override
    public Integer call() throws Exception {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ModelBundle bundle = ModelBundle.read(model);
        List<String> tags = bundle.tags();
        MtatDataset fitSet = MtatDataset.read(trainData, tags);
        FeatureCache fitCache = new FeatureCache(trainData.resolve(".tagger-cache"), bundle.settings(), bundle.segmentsPerTrack());
        fitCache.build(fitSet.clips(Split.TRAIN), n, true);
        LogisticBaseline baseline = LogisticBaseline.defaults();
        baseline.fit(SegmentSet.load(fitCache, fitSet.clips(Split.TRAIN), tags.size()), tags.size(), 1);
        List<GeneralisationReport.Condition> conditions = new ArrayList<>();
        for (String spec : sets) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new Tagger.UserError("--set takes NAME=ROOT[:SPLIT], got '" + spec + "'");
            }
            String name = spec.substring(0, eq);
            String where = spec.substring(eq + 1);
            String split = "all";
            int colon = where.lastIndexOf(':');
            if (colon > 0 && !Files.isDirectory(Path.of(where))) {
                split = where.substring(colon + 1);
                where = where.substring(0, colon);
            }
            SegmentSet set = load(Path.of(where), split, tags, bundle, n);
            conditions.add(new GeneralisationReport.Condition(name, where + ":" + split,
                    Evaluation.of(set, EvaluateCommand.score(bundle, set), tags), Evaluation.of(set, baseline.predict(set), tags)));
            System.out.printf(java.util.Locale.ROOT, "%s: CNN %.4f, baseline %.4f (%d clips)%n", name,
                    conditions.get(conditions.size() - 1).cnn().macroRocAuc(),
                    conditions.get(conditions.size() - 1).baseline().macroRocAuc(), set.clips());
        }
        List<GeneralisationReport.NonMusicClip> quiet = new ArrayList<>();
        if (nonMusic != null) {
            SegmentSet set = load(nonMusic, "all", tags, bundle, n);
            float[][] clipScores = Evaluation.clipMeans(set, EvaluateCommand.score(bundle, set));
            Map<String, String> kinds = kinds(nonMusic);
            for (int c = 0; c < set.clips(); c++) {
                Map<String, Float> scores = new LinkedHashMap<>();
                for (int t = 0; t < tags.size(); t++) {
                    scores.put(tags.get(t), clipScores[c][t]);
                }
                quiet.add(new GeneralisationReport.NonMusicClip(kinds.getOrDefault(set.clipList().get(c).id(), "?"), scores));
            }
        }
        GeneralisationReport report = new GeneralisationReport(bundle.name() + " " + bundle.version(), conditions, quiet);
        report.write(out);
        System.out.println(report.markdown());
        return 0;
    }

    private static SegmentSet load(Path root, String split, List<String> tags, ModelBundle bundle, int threads)
            throws Exception {
        MtatDataset ds = MtatDataset.read(root, tags);
        List<Clip> clips = split.equals("all") ? ds.clips() : ds.clips(Split.parse(split));
        FeatureCache fc = new FeatureCache(root.resolve(".tagger-cache"), bundle.settings(), bundle.segmentsPerTrack());
        fc.build(clips, threads, true);
        return SegmentSet.load(fc, clips, tags.size());
    }

    /** Clip id to its kind ("non-music:white", ...) from the corpus plan, when the corpus has one. */
    private static Map<String, String> kinds(Path root) throws Exception {
        Map<String, String> m = new HashMap<>();
        Path plan = root.resolve(io.tagger.model.corpus.CorpusGenerator.PLAN);
        if (Files.isRegularFile(plan)) {
            List<String> lines = Files.readAllLines(plan);
            List<String> header = List.of(lines.get(0).split("\t"));
            int style = header.indexOf("style");
            for (String l : lines.subList(1, lines.size())) {
                String[] c = l.split("\t", -1);
                m.put(c[0], c[style]);
            }
        }
        return m;
    }
}
