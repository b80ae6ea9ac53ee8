package io.tagger.serving;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KernelCacheTest {
    @Test
    void unsetOrUnreadableMeansOneDnnsDefaultAndAWarning() {
        assertThat(KernelCache.capacity(Map.of())).isEqualTo(KernelCache.ONEDNN_DEFAULT);
        assertThat(KernelCache.capacity(Map.of(KernelCache.ENV, "lots"))).isEqualTo(KernelCache.ONEDNN_DEFAULT);
        assertThat(KernelCache.warning(Map.of())).hasValueSatisfying(w -> assertThat(w)
                .contains(KernelCache.ENV + " is unset").contains("1024").contains("set it to 8192"));
        assertThat(KernelCache.warning(Map.of(KernelCache.ENV, "lots"))).hasValueSatisfying(w -> assertThat(w)
                .contains("is 'lots'"));
    }

    @Test
    void aSmallCapacityWarnsAndARecommendedOneDoesNot() {
        assertThat(KernelCache.capacity(Map.of(KernelCache.ENV, " 2048 "))).isEqualTo(2048);
        assertThat(KernelCache.warning(Map.of(KernelCache.ENV, "2048"))).hasValueSatisfying(w -> assertThat(w)
                .contains("keeps 2048 compiled kernels"));
        assertThat(KernelCache.warning(Map.of(KernelCache.ENV, "8192"))).isEmpty();
        assertThat(KernelCache.warning(Map.of(KernelCache.ENV, "4096"))).isPresent();
        assertThat(KernelCache.warning(Map.of(KernelCache.ENV, "16384"))).isEmpty();
    }
}
