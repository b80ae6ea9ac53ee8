package io.tagger.cli;

import io.tagger.features.Architectures;
import io.tagger.model.baseline.LogisticBaseline;
import io.tagger.serving.ModelBundle;
import io.tagger.featurecache.FeatureCache;
import io.tagger.dataset.ClipTable;
import io.tagger.dataset.MtatDataset;
import io.tagger.dataset.Split;
import io.tagger.model.eval.Breakdown;
import io.tagger.model.eval.ClipScoreTable;
import io.tagger.model.eval.Evaluation;
import io.tagger.model.eval.EvaluationReport;
import io.tagger.model.train.SegmentSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./tagger evaluate}: clip-level ROC-AUC and PR-AUC of a bundle (served through DJL, as the
 * inference service serves it) or of the logistic-regression baseline ({@code --baseline}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle (or the mean/std + logistic-regression baseline) on a split: JSON and PNG report.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "BUNDLE_DIR", description = "The bundle to evaluate.") Path model;
    @Option(names = "--baseline", description = "Evaluate the baseline instead (trained on the train split, settings of --settings).") boolean baseline;
    @Option(names = "--settings", defaultValue = "a", description = "Feature settings of the baseline (default: ${DEFAULT-VALUE}).") String settings;
    @Option(names = "--data", required = true, paramLabel = "ROOT",
            description = "A MagnaTagATune-layout dataset; its tags are matched to the model's by name, in any order.") Path data;
    @Option(names = "--split", defaultValue = "test",
            description = "train, validation, test or all (default: ${DEFAULT-VALUE}; all: for data the model never saw, such as another engine's corpus).") String split;
    @Option(names = "--train-data", paramLabel = "ROOT",
            description = "With --baseline: the dataset whose train split fits the baseline (default: --data).") Path trainData;
    @Option(names = "--json", required = true, paramLabel = "OUT.json") Path json;
    @Option(names = "--png", paramLabel = "REPORT.png", description = "Report image (default: OUT.json with .png).") Path png;
    @Option(names = "--cache", paramLabel = "DIR") Path cache;
    @Option(names = "--threads") Integer threads;
    @Option(names = "--by", paramLabel = "COLUMN",
            description = "Also break each tag family's ROC-AUC down by this column of the clip table (style, soundfont, ...): "
                    + "the positives of each group against all negatives, printed and written to OUT.by-COLUMN.md.") String by;
    @Option(names = "--clip-scores", paramLabel = "OUT.tsv",
            description = "Also write every clip's score and label per tag (clip_id, score:<tag>, label:<tag>).") Path clipScores;
    @Option(names = "--clip-table", paramLabel = "TSV",
            description = "With --by: a tab-separated table with a clip_id column (default: the dataset's corpus_plan.tsv).") Path clipTable;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == !baseline) {
            throw new Tagger.UserError("give exactly one of --model BUNDLE_DIR and --baseline");
        }
        Map<String, String> groups = null;
        if (by != null) { // read first: a wrong column fails before the evaluation's work
            Path table = clipTable != null ? clipTable : data.resolve("corpus_plan.tsv");
            if (!Files.isRegularFile(table)) {
                throw new Tagger.UserError("--by " + by + " needs a clip table: " + table + " is not a file (give --clip-table TSV)");
            }
            try {
                groups = ClipTable.column(table, by);
            } catch (IllegalArgumentException bad) {
                throw new Tagger.UserError(bad.getMessage());
            }
        }
        Path cacheDir = cache != null ? cache : data.resolve(".tagger-cache");
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Evaluation e;
        SegmentSet eval;
        String title;
        List<String> absent;
        if (baseline) {
            Path fitRoot = trainData != null ? trainData : data;
            MtatDataset fitSet = MtatDataset.read(fitRoot, MtatDataset.TOP_TAGS);
            MtatDataset ds = MtatDataset.read(data, fitSet.tags());
            var settingsOf = io.tagger.features.Architectures.named(settings);
            FeatureCache fitCache = new FeatureCache(cache != null ? cache : fitRoot.resolve(".tagger-cache"), settingsOf, Architectures.SEGMENTS_PER_TRACK);
            fitCache.build(fitSet.clips(Split.TRAIN), n, true);
            FeatureCache fc = new FeatureCache(cacheDir, settingsOf, Architectures.SEGMENTS_PER_TRACK);
            List<io.tagger.dataset.Clip> clips = clips(ds);
            fc.build(clips, n, true);
            SegmentSet train = SegmentSet.load(fitCache, fitSet.clips(Split.TRAIN), fitSet.tags().size());
            eval = SegmentSet.load(fc, clips, ds.tags().size());
            LogisticBaseline b = LogisticBaseline.defaults();
            b.fit(train, fitSet.tags().size(), 1);
            e = Evaluation.of(eval, b.predict(eval), ds.tags());
            title = "baseline (mean/std + logistic regression, settings " + settings + ")";
            absent = ds.absentTags();
        } else {
            ModelBundle bundle = ModelBundle.read(model);
            MtatDataset ds = MtatDataset.read(data, bundle.tags());
            FeatureCache fc = new FeatureCache(cacheDir, bundle.settings(), bundle.segmentsPerTrack());
            List<io.tagger.dataset.Clip> clips = clips(ds);
            fc.build(clips, n, true);
            eval = SegmentSet.load(fc, clips, bundle.tags().size());
            e = Evaluation.of(eval, io.tagger.model.eval.SetScoring.score(bundle, eval), bundle.tags());
            title = bundle.name() + " " + bundle.version() + " (" + bundle.network().name() + ")";
            absent = ds.absentTags();
        }
        if (!absent.isEmpty()) {
            System.out.println("the dataset has no column for " + absent.size() + " of the model's tags (not evaluated): "
                    + String.join(", ", absent));
        }
        var report = EvaluationReport.json(e, title, split);
        EvaluationReport.writeJson(report, json);
        Path image = png != null ? png : json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".png");
        EvaluationReport.writePng(e, title + ", " + split, image);
        System.out.printf(Locale.ROOT, "%s on %s (%d clips): macro ROC-AUC %.4f, PR-AUC %.4f over %d tags -> %s, %s%n",
                title, split, e.clips(), e.macroRocAuc(), e.macroPrAuc(), e.evaluatedTags(), json, image);
        List<String> ids = eval.clipList().stream().map(io.tagger.dataset.Clip::id).toList();
        if (clipScores != null) {
            ClipScoreTable.write(clipScores, e, ids);
        }
        if (groups != null) {
            String md = Breakdown.of(e, ids, groups, by).markdown();
            Path out = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".by-" + by + ".md");
            Files.writeString(out, "### " + title + ", " + split + "\n\n" + md);
            System.out.println(md);
        }
        return Tagger.EXIT_OK;
    }

    /** The clips of {@code --split} ({@code all}: every clip). */
    private List<io.tagger.dataset.Clip> clips(MtatDataset ds) {
        return split.equalsIgnoreCase("all") ? ds.clips() : ds.clips(Split.parse(split));
    }

}
