package io.tagger.cli;

import io.tagger.serving.ModelBundle;
import io.tagger.model.eval.GeneralisationReport;
import io.tagger.model.eval.GeneralisationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./tagger generalisation}: {@link GeneralisationRun} and its report ({@code generalisation.md}, {@code .json}). */
@Command(name = "generalisation", mixinStandardHelpOptions = true,
        description = "Evaluate a model and the baseline on several test conditions (own split, other engine, unseen"
                + " SoundFont, ...) and on non-music clips: a Markdown and JSON report.")
final class GeneralisationCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE_DIR") Path model;
    @Option(names = "--train-data", required = true, paramLabel = "ROOT",
            description = "The model's training data (repeat it for each corpus): the baseline is fitted on their train"
                    + " splits.") List<Path> trainData;
    @Option(names = "--set", required = true, paramLabel = "NAME=ROOT[:SPLIT]",
            description = "A test condition: a dataset and its split (default all), e.g. 'other engine=/c/independent'.")
    List<String> sets;
    @Option(names = "--non-music", paramLabel = "ROOT", description = "A corpus of clips without music (./tagger corpus --non-music 1).")
    Path nonMusic;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--threads") Integer threads;

    @Override
    public Integer call() throws Exception {
        List<GeneralisationRun.ConditionSpec> specs;
        try {
            specs = sets.stream().map(GeneralisationRun.ConditionSpec::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new Tagger.UserError(e.getMessage());
        }
        GeneralisationReport report = GeneralisationRun.run(ModelBundle.read(model), trainData, specs, nonMusic,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), System.err);
        report.write(out);
        System.out.println(report.markdown());
        return Tagger.EXIT_OK;
    }
}
