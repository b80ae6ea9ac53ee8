package io.tagger.model.train;

import io.tagger.dataset.Clip;
import io.tagger.featurecache.ClipFeatures;
import io.tagger.featurecache.FeatureCache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments of a set of clips in memory, ready for batching: per feature one contiguous float
 * array ({@code segments x rows x frames}), the clip's labels per segment, and which clip each
 * segment belongs to (a clip's score is the mean of its segments').
 */
public final class SegmentSet {
    private final List<String> features;
    private final int[] rows;
    private final int[] frames;
    private final float[][] data;
    private final boolean[][] clipLabels;
    private final int[] clipOfSegment;
    private final List<Clip> clips;

    private SegmentSet(List<String> features, int[] rows, int[] frames, float[][] data, boolean[][] clipLabels,
                       int[] clipOfSegment, List<Clip> clips) {
        this.features = features;
        this.rows = rows;
        this.frames = frames;
        this.data = data;
        this.clipLabels = clipLabels;
        this.clipOfSegment = clipOfSegment;
        this.clips = clips;
    }

    /**
     * Segments already in memory: {@code data[o]} holds {@code segments x rows[o] x frames[o]}
     * floats of feature o; {@code clipOfSegment[s]} indexes {@code clipLabels}.
     */
    public static SegmentSet of(List<String> features, int[] rows, int[] frames, float[][] data, boolean[][] clipLabels,
                                int[] clipOfSegment) {
        for (int o = 0; o < features.size(); o++) {
            if (data[o].length != clipOfSegment.length * rows[o] * frames[o]) {
                throw new IllegalArgumentException("feature " + features.get(o) + ": wrong data length");
            }
        }
        return new SegmentSet(List.copyOf(features), rows.clone(), frames.clone(), data, clipLabels, clipOfSegment.clone(),
                java.util.Collections.nCopies(clipLabels.length, null));
    }

    /** Loads the cached clips among {@code clips} (those the cache skipped are left out). */
    public static SegmentSet load(FeatureCache cache, List<Clip> clips, int tags) throws IOException {
        List<String> features = cache.settings().keys();
        List<ClipFeatures> loaded = new ArrayList<>();
        List<Clip> kept = new ArrayList<>();
        int segments = 0;
        for (Clip c : clips) {
            if (!cache.contains(c.id())) {
                continue;
            }
            ClipFeatures f = cache.read(c.id());
            loaded.add(f);
            kept.add(c);
            segments += f.segments().size();
        }
        int nf = features.size();
        int[] rows = new int[nf];
        int[] frames = new int[nf];
        float[][] data = new float[nf][];
        if (!loaded.isEmpty()) {
            ClipFeatures.Segment first = loaded.get(0).segments().get(0);
            for (int o = 0; o < nf; o++) {
                rows[o] = first.rows()[o];
                frames[o] = first.frames()[o];
                data[o] = new float[segments * rows[o] * frames[o]];
            }
        }
        boolean[][] labels = new boolean[kept.size()][tags];
        int[] clipOf = new int[segments];
        int s = 0;
        for (int c = 0; c < loaded.size(); c++) {
            for (int t = 0; t < tags; t++) {
                labels[c][t] = kept.get(c).has(t);
            }
            for (ClipFeatures.Segment seg : loaded.get(c).segments()) {
                for (int o = 0; o < nf; o++) {
                    int size = rows[o] * frames[o];
                    System.arraycopy(seg.values()[o], 0, data[o], s * size, size);
                }
                clipOf[s] = c;
                s++;
            }
        }
        return new SegmentSet(features, rows, frames, data, labels, clipOf, kept);
    }

    /** The sets one after the other (same features and tags): their clips and segments in order. */
    public static SegmentSet concat(List<SegmentSet> sets) {
        if (sets.size() == 1) {
            return sets.get(0);
        }
        SegmentSet first = sets.get(0);
        int nf = first.features.size();
        int segments = sets.stream().mapToInt(SegmentSet::segments).sum();
        float[][] data = new float[nf][];
        for (int o = 0; o < nf; o++) {
            data[o] = new float[segments * first.rows[o] * first.frames[o]];
        }
        List<boolean[]> labels = new ArrayList<>();
        List<Clip> clips = new ArrayList<>();
        int[] clipOf = new int[segments];
        int s = 0;
        for (SegmentSet set : sets) {
            if (!set.features.equals(first.features)) {
                throw new IllegalArgumentException("sets of different features cannot be joined");
            }
            for (int o = 0; o < nf; o++) {
                int size = first.rows[o] * first.frames[o];
                System.arraycopy(set.data[o], 0, data[o], s * size, set.segments() * size);
            }
            for (int i = 0; i < set.segments(); i++) {
                clipOf[s + i] = labels.size() + set.clipOfSegment[i];
            }
            s += set.segments();
            labels.addAll(List.of(set.clipLabels));
            clips.addAll(set.clips);
        }
        return new SegmentSet(first.features, first.rows, first.frames, data, labels.toArray(new boolean[0][]), clipOf,
                clips);
    }

    public List<String> features() {
        return features;
    }

    public int rows(int feature) {
        return rows[feature];
    }

    public int frames(int feature) {
        return frames[feature];
    }

    public int segments() {
        return clipOfSegment.length;
    }

    public int clips() {
        return clips.size();
    }

    public List<Clip> clipList() {
        return clips;
    }

    public int clipOf(int segment) {
        return clipOfSegment[segment];
    }

    public boolean label(int clip, int tag) {
        return clipLabels[clip][tag];
    }

    /** Copies segment {@code s} of feature {@code o} into {@code out} at {@code offset}. */
    public void copy(int o, int s, float[] out, int offset) {
        int size = rows[o] * frames[o];
        System.arraycopy(data[o], s * size, out, offset, size);
    }

    public float[] raw(int o) {
        return data[o];
    }
}
