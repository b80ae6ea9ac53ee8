package io.tagger.cli;

import io.tagger.dataset.MtatDataset;
import io.tagger.model.network.ParameterCount;
import io.tagger.serving.network.BlockType;
import io.tagger.serving.network.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./tagger models}: the 9 variants and their parameter counts. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Build the 9 network variants and print their parameter counts.")
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--width", defaultValue = "1", description = "Width multiplier (default: ${DEFAULT-VALUE}).") double width;

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "%-8s %14s%n", "variant", "parameters");
        for (String arch : new String[]{"a", "b", "c"}) {
            for (BlockType block : BlockType.values()) {
                long p = ParameterCount.of(ModelSpec.network(arch, block, width, MtatDataset.TOP_TAGS));
                System.out.printf(Locale.ROOT, "%-8s %,14d%s%n", arch + "-" + block.key(), p,
                        arch.equals("a") && block == BlockType.RESE ? "   (paper: 13M)" : "");
            }
        }
        return Tagger.EXIT_OK;
    }
}
