package io.tagger.serving.network;

import java.util.List;
import java.util.Locale;

/**
 * What the paper leaves open, as parameters: filters per block, FC width and the SE reduction
 * ratio. Block {@code i} of a branch has {@code filters(i) = round(width * baseFilters *
 * 2^min(i, 2))} channels (doubling over the first three blocks); {@code width} scales filters
 * and the FC layer, for small CPU variants. The default ({@code baseFilters} 128, FC 512,
 * ratio 16, width 1) puts a-ReSE near the paper's 13M parameters.
 */
public record NetworkConfig(String arch, BlockType block, List<BranchShape> branches, int baseFilters, double width,
                            int fcWidth, int seRatio, int tags) {
    public NetworkConfig {
        if (!List.of("a", "b", "c").contains(arch)) {
            throw new IllegalArgumentException("architecture must be a, b or c");
        }
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one input branch");
        }
        if (baseFilters < 1 || !(width > 0) || fcWidth < 1 || seRatio < 1 || tags < 1) {
            throw new IllegalArgumentException("widths must be positive");
        }
        branches = List.copyOf(branches);
    }

    public int filters(int block) {
        return Math.max(1, (int) Math.round(width * baseFilters * (1 << Math.min(block, 2))));
    }

    public int fc() {
        return Math.max(1, (int) Math.round(width * fcWidth));
    }

    public String name() {
        return String.format(Locale.ROOT, "%s-%s", arch, block.key());
    }
}
