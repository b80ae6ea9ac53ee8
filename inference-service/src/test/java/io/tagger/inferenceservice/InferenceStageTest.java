package io.tagger.inferenceservice;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stage's options from its configuration keys (the service's own test runs the defaults on a broker). */
class InferenceStageTest {
    static InferenceStage stage(String otherSettings) {
        InferenceStage s = new InferenceStage();
        s.batchSize = 8;
        s.maxWait = Duration.ofMillis(50);
        s.incompleteAfter = Duration.ofMinutes(1);
        s.incompleteAfterIdle = Duration.ofHours(1);
        s.doneRetention = Duration.ofDays(7);
        s.otherSettings = otherSettings;
        return s;
    }

    @Test
    void featuresOfOtherSettingsAreDeadLetteredUnlessSkipIsConfigured() {
        assertThat(stage("dead-letter").options().skipOtherSettings()).isFalse();
        assertThat(stage("skip").options().skipOtherSettings()).isTrue();
        assertThat(stage("skip").options().batchSize()).isEqualTo(8);
        assertThat(stage("skip").options().incompleteAfterIdle()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anUnknownValueIsRejectedWithTheKeyAndTheChoices() {
        assertThatThrownBy(() -> stage("drop").options()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TAGGER_INFERENCE_OTHER_SETTINGS").hasMessageContaining("dead-letter or skip");
    }
}
