package io.tagger.cli;

import io.tagger.model.train.TrainingConfig;
import io.tagger.model.train.TrainingJob;
import io.tagger.serving.ModelBundle;
import io.tagger.serving.network.BlockType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

/** {@code ./tagger train}: train one of the 9 variants and export a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a multi-input CNN (the paper's recipe) on an MTAT-layout dataset and export a model bundle.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "ROOT",
            description = "MTAT-layout corpus; repeat it to pool several (each keeps its own splits; the first orders"
                    + " the vocabulary unless --init does).") List<Path> data;
    @Option(names = "--arch", defaultValue = "a", paramLabel = "a|b|c", description = "Architecture (default: ${DEFAULT-VALUE}).") String arch;
    @Option(names = "--block", defaultValue = "rese", paramLabel = "basic|se|rese", description = "Block (default: ${DEFAULT-VALUE}).") String block;
    @Option(names = "--width", defaultValue = "1", description = "Width multiplier of filters and FC (default: ${DEFAULT-VALUE} = paper size).") double width;
    @Option(names = "--epochs", defaultValue = "60", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch", defaultValue = "23", description = "Batch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--lr", defaultValue = "0.01", description = "Initial learning rate, divided by 5 every --decay-every epochs (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--decay-every", defaultValue = "20") int decayEvery;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--out", required = true, paramLabel = "BUNDLE_DIR") Path out;
    @Option(names = "--work", paramLabel = "DIR", description = "Checkpoints, for resuming (default: BUNDLE_DIR.work).") Path work;
    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache of the first --data (default: ROOT/.tagger-cache;"
            + " other corpora use their own).") Path cache;
    @Option(names = "--init", paramLabel = "BUNDLE_DIR", description = "Fine-tune: start from this model bundle's weights,"
            + " normalisation and tag order (same --arch, --block and --width).") Path init;
    @Option(names = "--name", defaultValue = "tagger") String name;
    @Option(names = "--version", defaultValue = "1") String version;
    @Option(names = "--threads", description = "Feature-extraction threads (default: all cores).") Integer threads;
    @Option(names = "--validation-data", paramLabel = "ROOT",
            description = "More validation sets (every clip; for example another engine's corpus or an unseen SoundFont's):"
                    + " the best epoch and the tag thresholds are chosen on them together with the own validation split.")
    List<Path> validationData;

    @Override
    public Integer call() throws Exception {
        TrainingConfig tc = new TrainingConfig(epochs, batch, lr, decayEvery, 5, 0.9, 1e-3, 0.5, seed);
        Path workDir = work != null ? work : out.resolveSibling(out.getFileName() + ".work");
        String command = "./tagger train" + data.stream().map(p -> " --data " + p).collect(Collectors.joining())
                + String.format(Locale.ROOT, " --arch %s --block %s --width %s --epochs %d --batch %d --lr %s --decay-every %d"
                + " --seed %d --out %s --name %s --version %s", arch, block, width, epochs, batch, lr, decayEvery, seed, out,
                name, version)
                + (init == null ? "" : " --init " + init)
                + (validationData == null ? "" : validationData.stream().map(p -> " --validation-data " + p)
                .collect(Collectors.joining()));
        ModelBundle b = TrainingJob.run(new TrainingJob.Request(data, cache != null ? cache : data.get(0).resolve(".tagger-cache"),
                arch, BlockType.parse(block), width, tc, out, workDir,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), name, version, command,
                validationData, init), System.err);
        System.out.printf(Locale.ROOT, "model bundle %s (%s %s, %,d parameters): %s%n", b.dir(), b.name(), b.version(),
                b.parameters(), b.metrics());
        return Tagger.EXIT_OK;
    }
}
