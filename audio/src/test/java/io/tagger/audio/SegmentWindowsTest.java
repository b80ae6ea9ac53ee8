package io.tagger.audio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentWindowsTest {
    private final Segmenter segmenter = new Segmenter(100, 10);

    private static float[] track(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** Feeds the track in chunks of {@code chunk} through one reused array, as the decoder does. */
    private static SegmentWindows feed(SegmentWindows w, float[] track, int chunk) {
        float[] buf = new float[chunk];
        for (int pos = 0; pos < track.length; pos += chunk) {
            int n = Math.min(chunk, track.length - pos);
            System.arraycopy(track, pos, buf, 0, n);
            w.accept(buf, n);
        }
        return w;
    }

    @Test
    void theRightLengthGivesTheWholeTracksSegments() {
        for (int n : new int[]{5, 100, 350, 1000, 1001, 123_457}) {
            float[] x = track(n);
            TrackSegments s = feed(SegmentWindows.around(segmenter, n, 0, Long.MAX_VALUE), x, 7).segments(segmenter, 1000);
            TrackSegments whole = TrackSegments.cut(segmenter, x, 1000);
            assertThat(s.plan()).isEqualTo(whole.plan());
            for (int i = 0; i < s.count(); i++) {
                assertThat(s.pcm().get(i)).containsExactly(whole.pcm().get(i));
            }
        }
    }

    @Test
    void aLengthOffByLessThanTheMarginStillGivesThem() {
        float[] x = track(100_000);
        TrackSegments s = feed(SegmentWindows.around(segmenter, 99_000, 1000, Long.MAX_VALUE), x, 64).segments(segmenter, 1000);
        assertThat(s).isNotNull();
        assertThat(s.plan()).isEqualTo(segmenter.plan(100_000));
        assertThat(s.pcm().get(9)[99]).isEqualTo(99_999f);
    }

    @Test
    void aLengthOffByMoreIsNoticed() {
        float[] x = track(100_000);
        assertThat(feed(SegmentWindows.around(segmenter, 50_000, 1000, Long.MAX_VALUE), x, 64).segments(segmenter, 1000)).isNull();
        assertThat(feed(SegmentWindows.around(segmenter, 200_000, 1000, Long.MAX_VALUE), x, 64).segments(segmenter, 1000)).isNull();
        // No length known: nothing kept, only counted.
        SegmentWindows none = feed(SegmentWindows.around(segmenter, -1, 1000, Long.MAX_VALUE), x, 64);
        assertThat(none.samples()).isEqualTo(100_000);
        assertThat(none.segments(segmenter, 1000)).isNull();
    }

    @Test
    void whatIsKeptIsBoundedByTheSegmentsWhateverTheLengthAnnounced() {
        // A header announcing 2^31 samples: 10 ranges of segment + 2 margins, not the track.
        SegmentWindows w = SegmentWindows.around(segmenter, Integer.MAX_VALUE, 1000, Integer.MAX_VALUE);
        w.accept(new float[10], 10);
        assertThat(w.samples()).isEqualTo(10);
    }
}
