package io.tagger.audio;

import java.util.List;

/**
 * A track's segments as {@link Segmenter#plan} lays them on its {@code trackSamples}, each with
 * the samples the track holds for it ({@link Segmenter#available}; the rest of a short track's
 * only segment is zero padding). The same segments, sample for sample, as cutting the whole
 * decoded track, without holding it.
 *
 * @param pcm each planned segment's own samples, in plan order
 */
public record TrackSegments(int trackSamples, int sampleRate, int segmentSamples, List<Segmenter.Segment> plan,
                            List<float[]> pcm) {

    public TrackSegments {
        if (plan.size() != pcm.size()) {
            throw new IllegalArgumentException(plan.size() + " segments planned, " + pcm.size() + " given");
        }
        plan = List.copyOf(plan);
        pcm = List.copyOf(pcm);
    }

    /** The segments of a whole track in memory. */
    public static TrackSegments cut(Segmenter segmenter, float[] track, int sampleRate) {
        List<Segmenter.Segment> plan = segmenter.plan(track.length);
        List<float[]> pcm = new java.util.ArrayList<>(plan.size());
        for (Segmenter.Segment s : plan) {
            pcm.add(java.util.Arrays.copyOfRange(track, s.start(), s.start() + segmenter.available(track.length, s)));
        }
        return new TrackSegments(track.length, sampleRate, segmenter.segmentSamples(), plan, pcm);
    }

    public int count() {
        return plan.size();
    }

    public double durationSeconds() {
        return trackSamples / (double) sampleRate;
    }

    /**
     * Copies segment {@code i} (zero-padded when the track is short) into {@code out}, at the
     * resolution the pipeline carries it ({@link SegmentPcm}): what {@link Segmenter#copy} gives
     * from the whole track.
     */
    public void copy(int i, double[] out) {
        if (out.length < segmentSamples) {
            throw new IllegalArgumentException("output buffer shorter than a segment");
        }
        float[] own = pcm.get(i);
        SegmentPcm.roundTrip(own, 0, own.length, out);
        java.util.Arrays.fill(out, own.length, segmentSamples, 0.0);
    }
}
