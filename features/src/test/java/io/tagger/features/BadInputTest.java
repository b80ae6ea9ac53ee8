package io.tagger.features;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs MIRtoolbox defines a result for give that result; the others a clear error. */
class BadInputTest {
    private final FeatureExtractor mirtoolbox = new FeatureExtractor(Architectures.mirtoolbox());

    private static java.util.List<Double> boxed(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    @Test
    void emptyAudioIsAnError() {
        assertThatThrownBy(() -> mirtoolbox.extract(new double[0], 16000))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("empty");
    }

    @Test
    void nonFiniteSamplesAreAnError() {
        double[] x = Signals.chordAndClicks(16000, 16000);
        x[1234] = Double.NaN;
        assertThatThrownBy(() -> mirtoolbox.extract(x, 16000)).hasMessageContaining("sample 1234 is NaN");
        x[1234] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> mirtoolbox.extract(x, 16000)).hasMessageContaining("sample 1234 is Infinity");
    }

    @Test
    void badSampleRateIsAnError() {
        assertThatThrownBy(() -> mirtoolbox.extract(new double[100], 0)).hasMessageContaining("sample rate");
    }

    @Test
    void silenceGivesMirtoolboxsDefinedValues() {
        Map<String, FeatureMatrix> out = mirtoolbox.extract(new double[48000], 16000);
        assertThat(out.get("rms").values()).containsOnly(0.0);
        assertThat(out.get("zerocross").values()).containsOnly(0.0);
        assertThat(out.get("flux").values()).containsOnly(0.0);
        // 0/0: no centroid, no moments, no pulse; the <=1.7.2 chromagram maps silence to 0.
        assertThat(boxed(out.get("centroid").values())).allMatch(v -> v.isNaN());
        assertThat(boxed(out.get("skewness").values())).allMatch(v -> v.isNaN());
        assertThat(boxed(out.get("pulseclarity_1s").values())).allMatch(v -> v.isNaN());
        assertThat(out.get("chromagram").values()).containsOnly(0.0);
        // log10(1e-16) in every band: MFCCs are rounding noise around 0.
        assertThat(boxed(out.get("mfcc").values())).allMatch(v -> Math.abs(v) < 1e-12);
    }

    @Test
    void audioShorterThanOneFrameIsOneFrameOfTheWholeSignal() {
        double[] x = Signals.chordAndClicks(500, 16000); // 31 ms < 50 ms
        Map<String, FeatureMatrix> out = mirtoolbox.extract(x, 16000);
        FeatureMatrix rms = out.get("rms");
        assertThat(rms.frames()).isEqualTo(1);
        assertThat(rms.frameEnd()[0]).isEqualTo(499 / 16000.0);
        double e = 0;
        for (double v : x) {
            e += v * v;
        }
        assertThat(rms.get(0, 0)).isCloseTo(Math.sqrt(e / 800), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(out.get("flux").frames()).isZero();
        assertThat(out.get("chromagram").frames()).isEqualTo(1);
        assertThat(out.get("mfcc").frames()).isEqualTo(1);
    }

    @Test
    void clippedAudioIsAnalysedAsIs() {
        double[] x = Signals.chordAndClicks(48000, 16000);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-0.1, Math.min(0.1, x[i] * 10));
        }
        Map<String, FeatureMatrix> out = mirtoolbox.extract(x, 16000);
        assertThat(boxed(out.get("rms").values())).allMatch(v -> v > 0.05 && v <= 0.1);
        assertThat(boxed(out.get("flatness").values())).allMatch(Double::isFinite);
    }
}
