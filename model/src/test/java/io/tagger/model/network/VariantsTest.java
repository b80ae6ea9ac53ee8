package io.tagger.model.network;

import io.tagger.dataset.MtatDataset;
import io.tagger.serving.network.BlockType;
import io.tagger.serving.network.BranchShape;
import io.tagger.serving.network.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** All 9 variants build; a-ReSE at full width is near the paper's 13M parameters. */
class VariantsTest {
    @Test
    void allNineVariantsBuildWithTheirParameterCounts() {
        for (String arch : new String[]{"a", "b", "c"}) {
            for (BlockType block : BlockType.values()) {
                long p = ParameterCount.of(ModelSpec.network(arch, block, 1, MtatDataset.TOP_TAGS));
                System.out.printf("%s-%s: %,d parameters%n", arch, block.key(), p);
                assertThat(p).isPositive();
                if (arch.equals("a") && block == BlockType.RESE) {
                    assertThat(p).isBetween(11_000_000L, 15_000_000L); // the paper: 13M
                }
            }
        }
    }

    @Test
    void poolingFollowsThePaper() {
        assertThat(BranchShape.of("a", "rms", 1, 115).pools()).containsExactly(3, 3, 3);
        assertThat(BranchShape.of("a", "chromagram", 12, 272).pools()).containsExactly(4, 4, 4);
        assertThat(BranchShape.of("b", "rms", 1, 243).pools()).containsExactly(3, 3, 3, 3, 3);
        assertThat(BranchShape.of("b", "pulseclarity", 1, 27).pools()).containsExactly(3, 3, 3);
        assertThat(BranchShape.of("c", "rms", 1, 128).pools()).hasSize(7).containsOnly(2);
        assertThat(BranchShape.of("c", "pulseclarity", 1, 32).pools()).hasSize(5).containsOnly(2);
    }
}
