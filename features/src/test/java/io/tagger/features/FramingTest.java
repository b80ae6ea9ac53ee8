package io.tagger.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** mirframe's arithmetic, with the worked examples of docs/features.md. */
class FramingTest {
    @Test
    void fiftyMillisecondFramesAt22050() {
        Framing f = FrameSpec.ratio(0.05, 0.5).frame(22050, 66150);
        assertThat(f.length()).isEqualTo(1102);
        assertThat(f.hop()).isEqualTo(551.25);
        assertThat(f.count()).isEqualTo(119);
        assertThat(f.start(1)).isEqualTo(551);
        assertThat(f.start(3)).isEqualTo(1653); // floor(3*551.25)
    }

    @Test
    void hopIsComputedFromTheUnflooredLengthInMirtoolboxsOrder() {
        // 0.05*(0.2*22050) = 220.5 exactly; (0.05*0.2)*22050 would not be.
        assertThat(FrameSpec.ratio(0.2, 0.05).frame(22050, 66150).hop()).isEqualTo(220.5);
        assertThat(FrameSpec.ratio(0.2, 0.05).frame(22050, 66150).count()).isEqualTo(281);
    }

    @Test
    void twentyNineSecondsGive1159Frames() {
        assertThat(FrameSpec.ratio(0.05, 0.5).frame(22050, 29 * 22050).count()).isEqualTo(1159);
    }

    @Test
    void preSilenceLayoutOfTheOnsetFrames() {
        Framing f = Framing.withPreSilence(FrameSpec.ratio(0.1, 0.1), 22050, 66150 + 2000);
        assertThat(f.count()).isEqualTo(309);
        assertThat(f.start(0)).isEqualTo(-1985); // 1-based: 1 - 2205 + 220 = -1984
    }
}
