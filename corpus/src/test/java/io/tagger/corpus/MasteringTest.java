package io.tagger.corpus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The master chain and the non-music sources: levels, band limits, determinism, no clipping. */
class MasteringTest {
    private static final int FS = 16000;

    private static float[] sine(double hz, double amp, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / FS));
        }
        return x;
    }

    private static double rms(short[] x) {
        double s = 0;
        for (short v : x) {
            s += (v / 32768.0) * (v / 32768.0);
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void normalisesToTheDrawnTargetAndNeverClips() {
        float[] loud = sine(440, 0.99, FS * 2);
        Production p = new Production(0, 0, 0, 0.5, 20, 8000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, -20, 0, 32);
        short[] out = Mastering.master(loud, loud, p, FS, new Random(1));
        assertThat(20 * Math.log10(rms(out))).isCloseTo(-20, within(0.05));
        Production hot = new Production(0, 0, 0, 0.5, 20, 8000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, -1, 0, 32);
        short[] limited = Mastering.master(loud, loud, hot, FS, new Random(1));
        int peak = 0;
        for (short v : limited) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertThat(peak).isLessThan(32767).isGreaterThan(30000);
    }

    @Test
    void theBandLimitRemovesWhatIsOutsideIt() {
        float[] high = sine(6000, 0.5, FS * 2);
        Production open = new Production(0, 0, 0, 0.5, 20, 8000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, Double.NaN, 0, 32);
        Production cut = new Production(0, 0, 0, 0.5, 20, 3000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, Double.NaN, 0, 32);
        double before = rms(Mastering.master(high, high, open, FS, new Random(1)));
        double after = rms(Mastering.master(high, high, cut, FS, new Random(1)));
        assertThat(20 * Math.log10(after / before)).isLessThan(-10);
        float[] low = sine(50, 0.5, FS * 2);
        Production hp = new Production(0, 0, 0, 0.5, 200, 8000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, Double.NaN, 0, 32);
        assertThat(rms(Mastering.master(low, low, hp, FS, new Random(1))))
                .isLessThan(0.2 * rms(Mastering.master(low, low, open, FS, new Random(1))));
    }

    @Test
    void theBalanceWeighsTheChannelsBeforeTheMonoSum() {
        float[] left = sine(440, 0.5, FS);
        float[] right = new float[FS];
        Production allLeft = new Production(0, 0, 0, 1.0, 20, 8000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, Double.NaN, 0, 32);
        Production allRight = new Production(0, 0, 0, 0.0, 20, 8000, 0, 0, 0, 0, 1, 0, Production.Noise.WHITE, -200, Double.NaN, 0, 32);
        assertThat(rms(Mastering.master(left, right, allLeft, FS, new Random(1)))).isCloseTo(0.5 / Math.sqrt(2), within(1e-3));
        assertThat(rms(Mastering.master(left, right, allRight, FS, new Random(1)))).isZero();
    }

    @Test
    void drawnProductionsVaryEverySettingAndRepeatFromTheSeed() {
        List<Production> a = new ArrayList<>();
        List<Production> b = new ArrayList<>();
        Random ra = new Random(7);
        Random rb = new Random(7);
        for (int i = 0; i < 300; i++) {
            a.add(Production.draw(ra, 4));
            b.add(Production.draw(rb, 4));
        }
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().map(Production::soundfont).distinct().count()).isEqualTo(4);
        assertThat(a.stream().map(Production::mp3Kbps).distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat(a.stream().map(Production::noise).distinct().count()).isEqualTo(Production.Noise.values().length);
        assertThat(a).anyMatch(p -> p.compRatio() > 1).anyMatch(p -> p.compRatio() == 1)
                .anyMatch(p -> p.roomWet() > 0).anyMatch(p -> p.roomWet() == 0)
                .anyMatch(p -> Double.isNaN(p.targetDbfs())).anyMatch(p -> !Double.isNaN(p.targetDbfs()))
                .anyMatch(p -> p.lowpassHz() < 5000).anyMatch(p -> p.highpassHz() > 100);
    }

    @Test
    void mastersTheSameInputTheSameWay() {
        float[] x = sine(300, 0.3, FS);
        Production p = Production.draw(new Random(3), 2);
        assertThat(Mastering.master(x, x, p, FS, new Random(9))).isEqualTo(Mastering.master(x, x, p, FS, new Random(9)));
    }

    @Test
    void nonMusicClipsHaveNoInstrumentGenreOrTempoTag() {
        for (NonMusic.Kind kind : NonMusic.Kind.values()) {
            assertThat(TagContract.tagsOf(NonMusic.plan(kind))).as(kind.name())
                    .containsExactlyInAnyOrder("no vocal", "no vocals", "no voice");
            double[] x = NonMusic.render(kind, FS * 3, FS, new Random(kind.ordinal()));
            double rms = Mastering.rms(x);
            switch (kind) {
                case SILENCE -> assertThat(rms).isZero();
                case NEAR_SILENCE -> assertThat(rms).isGreaterThan(0).isLessThan(1e-4);
                default -> assertThat(20 * Math.log10(rms)).as(kind.name()).isBetween(-51.0, -11.0);
            }
        }
    }

    @Test
    void pinkAndBrownNoiseTiltTowardsTheBass() {
        Random r = new Random(5);
        double[] white = Mastering.noise(Production.Noise.WHITE, FS * 4, FS, r);
        double[] pink = Mastering.noise(Production.Noise.PINK, FS * 4, FS, r);
        double[] brown = Mastering.noise(Production.Noise.BROWN, FS * 4, FS, r);
        assertThat(highShare(white)).isGreaterThan(highShare(pink));
        assertThat(highShare(pink)).isGreaterThan(highShare(brown));
    }

    /** Energy of the first difference over energy: larger for brighter noise. */
    private static double highShare(double[] x) {
        double d = 0;
        double e = 0;
        for (int i = 1; i < x.length; i++) {
            d += (x[i] - x[i - 1]) * (x[i] - x[i - 1]);
            e += x[i] * x[i];
        }
        return d / e;
    }
}
