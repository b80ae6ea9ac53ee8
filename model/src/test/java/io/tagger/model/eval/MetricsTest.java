package io.tagger.model.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {
    @Test
    void rocAucCountsCorrectlyOrderedPairsWithTiesAsHalf() {
        // positives 0.9, 0.4; negatives 0.6, 0.4, 0.1: pairs (0.9>all)=3, (0.4 vs 0.6)=0, (0.4=0.4)=0.5, (0.4>0.1)=1
        float[] s = {0.9f, 0.6f, 0.4f, 0.4f, 0.1f};
        boolean[] y = {true, false, true, false, false};
        assertThat(Metrics.rocAuc(s, y)).isCloseTo(4.5 / 6, within(1e-12));
    }

    @Test
    void averagePrecisionOfAKnownRanking() {
        float[] s = {0.9f, 0.8f, 0.7f, 0.6f};
        boolean[] y = {true, false, true, false};
        assertThat(Metrics.prAuc(s, y)).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void aMissingClassIsNotScored() {
        assertThat(Metrics.rocAuc(new float[]{0.1f, 0.2f}, new boolean[]{true, true})).isNaN();
        assertThat(Metrics.prAuc(new float[]{0.1f, 0.2f}, new boolean[]{false, false})).isNaN();
    }

    @Test
    void bestF1ThresholdSeparatesAPerfectRanking() {
        float t = Metrics.bestF1Threshold(new float[]{0.9f, 0.8f, 0.3f, 0.2f}, new boolean[]{true, true, false, false});
        assertThat(t).isBetween(0.3f, 0.8f);
    }
}
