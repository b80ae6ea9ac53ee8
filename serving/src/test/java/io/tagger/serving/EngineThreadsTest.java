package io.tagger.serving;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineThreadsTest {
    @AfterEach
    void clear() {
        System.clearProperty(EngineThreads.INTRA_OP_PROPERTY);
        System.clearProperty(EngineThreads.INTER_OP_PROPERTY);
    }

    @Test
    void countsBecomeTheSettingsDjlReadsWhenItStartsTensorFlow() {
        new EngineThreads(1, 2).applyToProcess();
        assertThat(System.getProperty("ai.djl.tensorflow.num_intraop_threads")).isEqualTo("1");
        assertThat(System.getProperty("ai.djl.tensorflow.num_interop_threads")).isEqualTo("2");
    }

    @Test
    void tensorflowsOwnChoiceLeavesTheCommandLineAlone() {
        System.setProperty(EngineThreads.INTRA_OP_PROPERTY, "3");
        EngineThreads.TENSORFLOW_DEFAULT.applyToProcess();
        assertThat(EngineThreads.of(0)).isEqualTo(EngineThreads.TENSORFLOW_DEFAULT);
        assertThat(System.getProperty(EngineThreads.INTRA_OP_PROPERTY)).isEqualTo("3");
        assertThat(System.getProperty(EngineThreads.INTER_OP_PROPERTY)).isNull();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> new EngineThreads(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intra-op -1");
        assertThatThrownBy(() -> EngineThreads.of(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
