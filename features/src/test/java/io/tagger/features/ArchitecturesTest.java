package io.tagger.features;

import io.tagger.features.json.FeatureJson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitecturesTest {
    private static final double[] SEGMENT = Signals.chordAndClicks(Architectures.SEGMENT_SAMPLES, 16000);

    @Test
    void architectureBGives243FramesPerFeatureAnd27ForPulseClarity() {
        assertFrames(Architectures.named("b"), 243, 27);
    }

    @Test
    void architectureCGives128FramesPerFeatureAnd32ForPulseClarity() {
        assertFrames(Architectures.named("c"), 128, 32);
    }

    @Test
    void architectureAUsesMirtoolboxDefaultsAndThePapersPulseClarity() {
        FeatureSettings a = Architectures.named("a");
        assertThat(a.outputs().get("pulseclarity").frame()).isEqualTo(FrameSpec.seconds(1, 0.1));
        assertThat(a.outputs().get("chromagram").frame()).isEqualTo(FrameSpec.ratio(0.2, 0.05));
        Map<String, FeatureMatrix> out = new FeatureExtractor(a).extract(SEGMENT, 16000);
        assertThat(out.keySet()).containsExactly("rms", "zerocross", "pulseclarity", "beatspectrum", "flux", "centroid",
                "rolloff", "flatness", "entropy", "skewness", "kurtosis", "chromagram", "mfcc");
        // 2.91 s at 16 kHz: l = 800, h = 400 -> 115 frames; chromagram l = 3200, h = 160 -> 272.
        assertThat(out.get("rms").frames()).isEqualTo(115);
        assertThat(out.get("flux").frames()).isEqualTo(114);
        assertThat(out.get("chromagram").frames()).isEqualTo(272);
        assertThat(out.get("mfcc").rows()).isEqualTo(13);
        assertThat(out.get("pulseclarity").frames()).isEqualTo(21);
    }

    private static void assertFrames(FeatureSettings s, int frames, int pulseFrames) {
        Map<String, FeatureMatrix> out = new FeatureExtractor(s).extract(SEGMENT, 16000);
        for (Map.Entry<String, FeatureMatrix> e : out.entrySet()) {
            int expected = e.getKey().equals("pulseclarity") ? pulseFrames : frames;
            assertThat(e.getValue().frames()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().rows()).as(e.getKey()).isEqualTo(Feature.fromKey(e.getKey()).rows());
        }
    }

    @Test
    void settingsRoundTripThroughJsonAndKeepTheirId() {
        for (String name : new String[]{"mirtoolbox", "a", "b", "c"}) {
            FeatureSettings s = Architectures.named(name);
            FeatureSettings back = FeatureJson.settingsFromJson(FeatureJson.settingsToJson(s));
            assertThat(back).isEqualTo(s);
            assertThat(back.id()).isEqualTo(s.id()).startsWith(name + "-");
        }
        assertThat(Architectures.named("a").id()).isNotEqualTo(Architectures.named("b").id());
        assertThat(Architectures.named("b").sameComputation(Architectures.named("B"))).isTrue();
    }

    @Test
    void tamperedSettingsAreRejected() {
        var json = FeatureJson.settingsToJson(Architectures.named("a"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("features").get("rms")).put("frame_seconds", 0.06);
        assertThatThrownBy(() -> FeatureJson.settingsFromJson(json)).hasMessageContaining("does not match");
    }

    @Test
    void settingsForAnotherRateRefuseAudioAtThisOne() {
        FeatureExtractor a = new FeatureExtractor(Architectures.named("a"));
        assertThatThrownBy(() -> a.extract(SEGMENT, 22050)).isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("16000 Hz");
        assertThatThrownBy(() -> Architectures.named("d")).hasMessageContaining("unknown feature settings");
    }
}
