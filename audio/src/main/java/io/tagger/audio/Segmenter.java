package io.tagger.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a track into model segments (docs/design.md): {@code count} segments of {@code segmentSamples}
 * by default; a track of exactly {@code count} segments is cut contiguously, a longer one gives
 * {@code count} segments spread evenly over its length (first at the start, last at the end), a
 * shorter one as many whole segments as fit, spread the same way; a track shorter than one
 * segment gives one zero-padded segment, flagged.
 */
public final class Segmenter {
    private final int segmentSamples;
    private final int segmentsPerTrack;

    public Segmenter(int segmentSamples, int segmentsPerTrack) {
        if (segmentSamples < 1) {
            throw new IllegalArgumentException("segment length must be positive, got " + segmentSamples);
        }
        if (segmentsPerTrack < 1 || segmentsPerTrack > 1000) {
            throw new IllegalArgumentException("segments per track must be in [1, 1000], got " + segmentsPerTrack);
        }
        this.segmentSamples = segmentSamples;
        this.segmentsPerTrack = segmentsPerTrack;
    }

    public int segmentSamples() {
        return segmentSamples;
    }

    public int segmentsPerTrack() {
        return segmentsPerTrack;
    }

    /** Where one segment lies in the track; {@code zeroPadded} when the track is shorter than it. */
    public record Segment(int index, int count, int start, boolean zeroPadded) {
    }

    public List<Segment> plan(int trackSamples) {
        if (trackSamples < 1) {
            throw new IllegalArgumentException("empty track: nothing to segment");
        }
        List<Segment> out = new ArrayList<>();
        if (trackSamples < segmentSamples) {
            out.add(new Segment(0, 1, 0, true));
            return out;
        }
        int count = (int) Math.min(segmentsPerTrack, trackSamples / (long) segmentSamples);
        long span = trackSamples - (long) segmentSamples;
        for (int i = 0; i < count; i++) {
            int start = count == 1 ? 0 : (int) Math.round((double) span * i / (count - 1));
            out.add(new Segment(i, count, start, false));
        }
        return out;
    }

    /** How many of a segment's samples a track of {@code trackSamples} holds; the rest is zero padding. */
    public int available(int trackSamples, Segment segment) {
        return Math.min(segmentSamples, trackSamples - segment.start());
    }

    /**
     * Copies a segment's samples (zero-padded when the track is short) into {@code out}, at the
     * resolution the pipeline carries them ({@link SegmentPcm}).
     */
    public void copy(float[] track, Segment segment, double[] out) {
        if (out.length < segmentSamples) {
            throw new IllegalArgumentException("output buffer shorter than a segment");
        }
        int available = available(track.length, segment);
        SegmentPcm.roundTrip(track, segment.start(), available, out);
        java.util.Arrays.fill(out, available, segmentSamples, 0.0);
    }
}
