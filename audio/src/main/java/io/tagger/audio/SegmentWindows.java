package io.tagger.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps only the samples of a few ranges of a track while it is decoded, and counts them all:
 * the ranges the segments of an expected length lie in, widened by a margin for a header's
 * inexact length. Once the real length is known, {@link #segments} cuts the segments the
 * {@link Segmenter} plans for it, exactly as from the whole track, or answers null when one of
 * them lies outside what was kept (then the file is read again with the real length). Memory:
 * the kept ranges, at most {@code count * (segment + 2 * margin)} samples, whatever the file.
 */
final class SegmentWindows implements PcmSink {
    private final long[] from;
    private final long[] to;
    private final float[][] kept;
    private long position;

    private SegmentWindows(List<long[]> ranges) {
        from = new long[ranges.size()];
        to = new long[ranges.size()];
        kept = new float[ranges.size()][];
        for (int i = 0; i < ranges.size(); i++) {
            from[i] = ranges.get(i)[0];
            to[i] = ranges.get(i)[1];
            kept[i] = new float[(int) (to[i] - from[i])];
        }
    }

    /**
     * The ranges of the segments planned for a track of {@code expectedSamples}, each widened by
     * {@code margin} samples on both sides; overlapping ranges are merged. Keeps nothing when
     * the length is unknown ({@code expectedSamples < 1}): the first reading then only counts.
     *
     * @param maxSamples the longest track the decoder accepts (a header may announce more)
     */
    static SegmentWindows around(Segmenter segmenter, long expectedSamples, long margin, long maxSamples) {
        List<long[]> ranges = new ArrayList<>();
        if (expectedSamples >= 1) {
            int n = (int) Math.min(expectedSamples, Math.min(maxSamples, Integer.MAX_VALUE));
            for (Segmenter.Segment s : segmenter.plan(n)) {
                long a = Math.max(0, s.start() - margin);
                long b = Math.min((long) s.start() + segmenter.segmentSamples() + margin, maxSamples);
                if (!ranges.isEmpty() && a <= ranges.get(ranges.size() - 1)[1]) {
                    ranges.get(ranges.size() - 1)[1] = Math.max(b, ranges.get(ranges.size() - 1)[1]);
                } else if (b > a) {
                    ranges.add(new long[]{a, b});
                }
            }
        }
        return new SegmentWindows(ranges);
    }

    @Override
    public void accept(float[] chunk, int n) {
        long end = position + n;
        for (int i = 0; i < from.length; i++) {
            long a = Math.max(from[i], position);
            long b = Math.min(to[i], end);
            if (a < b) {
                System.arraycopy(chunk, (int) (a - position), kept[i], (int) (a - from[i]), (int) (b - a));
            }
        }
        position = end;
    }

    /** Samples read so far: the track's length once decoding has ended. */
    long samples() {
        return position;
    }

    /**
     * The segments of the track read ({@link #samples()} long), or null when one lies outside the
     * kept ranges.
     */
    TrackSegments segments(Segmenter segmenter, int sampleRate) {
        int length = (int) position;
        List<Segmenter.Segment> plan = segmenter.plan(length);
        List<float[]> pcm = new ArrayList<>(plan.size());
        for (Segmenter.Segment s : plan) {
            int available = segmenter.available(length, s);
            float[] own = slice(s.start(), s.start() + (long) available);
            if (own == null) {
                return null;
            }
            pcm.add(own);
        }
        return new TrackSegments(length, sampleRate, segmenter.segmentSamples(), plan, pcm);
    }

    private float[] slice(long a, long b) {
        for (int i = 0; i < from.length; i++) {
            if (from[i] <= a && b <= to[i] && b <= position) {
                return java.util.Arrays.copyOfRange(kept[i], (int) (a - from[i]), (int) (b - from[i]));
            }
        }
        return null;
    }
}
