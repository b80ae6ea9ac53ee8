package io.tagger.features;

import io.tagger.features.algorithms.BeatSpectrum;
import io.tagger.features.algorithms.Chromagram;
import io.tagger.features.algorithms.Mfcc;
import io.tagger.features.algorithms.PulseClarity;
import io.tagger.features.algorithms.SpectralCentroid;
import io.tagger.features.algorithms.SpectralEntropy;
import io.tagger.features.algorithms.SpectralFlatness;
import io.tagger.features.algorithms.SpectralRolloff;
import io.tagger.features.algorithms.SpectralSkewness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every algorithm declares its parameters' ranges; values outside them are refused by name. */
class AlgorithmParametersTest {
    @Test
    void defaultsAreValid() {
        assertThatCode(() -> {
            SpectralCentroid.Config.defaults();
            SpectralEntropy.Config.defaults();
            SpectralFlatness.Config.defaults();
            SpectralRolloff.Config.defaults();
            SpectralSkewness.Config.defaults();
            Mfcc.Config.defaults();
            Chromagram.Config.defaults();
            BeatSpectrum.Config.defaults();
            PulseClarity.Config.defaults();
            PulseClarity.Config.paper();
        }).doesNotThrowAnyException();
    }

    @Test
    void outOfRangeParametersAreRejected() {
        assertThatThrownBy(() -> new SpectralCentroid.Config(-0.1, 0.95)).hasMessageContaining("minRms");
        assertThatThrownBy(() -> new SpectralCentroid.Config(0.005, 1.5)).hasMessageContaining("maxEntropy");
        assertThatThrownBy(() -> new SpectralEntropy.Config(Double.NaN)).hasMessageContaining("minRms");
        assertThatThrownBy(() -> new SpectralFlatness.Config(2)).hasMessageContaining("minRms");
        assertThatThrownBy(() -> new SpectralRolloff.Config(0, 0.005)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new SpectralSkewness.Config(0.005, -1)).hasMessageContaining("spreadMinRms");
        assertThatThrownBy(() -> new Mfcc.Config(0, 1, 13)).hasMessageContaining("bands");
        assertThatThrownBy(() -> new Mfcc.Config(40, 5, 3)).hasMessageContaining("lastRank");
        assertThatThrownBy(() -> new Chromagram.Config(100, 150, 20, 261.6256)).hasMessageContaining("maxFrequency");
        assertThatThrownBy(() -> new Chromagram.Config(100, 6400, 0, 261.6256)).hasMessageContaining("dbRange");
        assertThatThrownBy(() -> new BeatSpectrum.Config(-4)).hasMessageContaining("maxLagSeconds");
        assertThatThrownBy(() -> new PulseClarity.Config(FrameSpec.ratio(5, 0.1), 200, 40)).hasMessageContaining("minBpm");
        assertThatThrownBy(() -> FrameSpec.ratio(0, 0.5)).hasMessageContaining("frame length");
        assertThatThrownBy(() -> FrameSpec.ratio(0.05, -1)).hasMessageContaining("hop");
        assertThatThrownBy(() -> FrameSpec.ratio(1e-6, 0.5).frame(16000, 1000)).hasMessageContaining("shorter than one sample");
    }
}
