package io.tagger.audio;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmenterTest {
    private final Segmenter segmenter = new Segmenter(46560, 10);

    @Test
    void clipOfTenSegmentsIsCutContiguously() {
        List<Segmenter.Segment> s = segmenter.plan(465600);
        assertThat(s).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(s.get(i).start()).isEqualTo(i * 46560);
            assertThat(s.get(i).zeroPadded()).isFalse();
        }
    }

    @Test
    void longTrackGivesTenSegmentsSpreadToItsEnd() {
        int tenMinutes = 16000 * 600;
        List<Segmenter.Segment> s = segmenter.plan(tenMinutes);
        assertThat(s).hasSize(10);
        assertThat(s.get(0).start()).isZero();
        assertThat(s.get(9).start() + 46560).isEqualTo(tenMinutes);
        for (int i = 1; i < 10; i++) {
            assertThat(s.get(i).start() - s.get(i - 1).start()).isBetween(1_061_000, 1_062_000);
        }
    }

    @Test
    void shortTrackGivesTheWholeSegmentsThatFit() {
        assertThat(segmenter.plan(46560 * 3 + 100)).hasSize(3).allMatch(x -> !x.zeroPadded() && x.count() == 3);
    }

    @Test
    void trackShorterThanASegmentIsZeroPaddedAndFlagged() {
        List<Segmenter.Segment> s = segmenter.plan(8000);
        assertThat(s).singleElement().matches(Segmenter.Segment::zeroPadded);
        float[] track = new float[8000];
        java.util.Arrays.fill(track, 0.5f);
        double[] out = new double[46560];
        java.util.Arrays.fill(out, 9);
        segmenter.copy(track, s.get(0), out);
        assertThat(out[7999]).isEqualTo(0.5);
        assertThat(out[8000]).isZero();
        assertThat(out[46559]).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> segmenter.plan(0)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Segmenter(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segmenter(100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
