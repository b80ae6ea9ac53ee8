package io.tagger.model.eval;

import io.tagger.model.train.SegmentSet;
import io.tagger.serving.BundlePredictor;
import io.tagger.serving.ModelBundle;

import java.util.ArrayList;
import java.util.List;

/** Scores every segment of a {@link SegmentSet} with a bundle served through DJL, as the inference service serves it. */
public final class SetScoring {
    private static final int BATCH = 64;

    private SetScoring() {
    }

    /** The scores {@code [segment][tag]} in the bundle's tag order. */
    public static float[][] score(ModelBundle bundle, SegmentSet set) throws Exception {
        int nf = set.features().size();
        int[] rows = new int[nf];
        int[] frames = new int[nf];
        for (int o = 0; o < nf; o++) {
            rows[o] = set.rows(o);
            frames[o] = set.frames(o);
        }
        float[][] out = new float[set.segments()][];
        try (BundlePredictor p = new BundlePredictor(bundle); BundlePredictor.Scorer scorer = p.newScorer()) {
            for (int start = 0; start < set.segments(); start += BATCH) {
                int b = Math.min(BATCH, set.segments() - start);
                List<float[]> inputs = new ArrayList<>();
                for (int o = 0; o < nf; o++) {
                    int size = rows[o] * frames[o];
                    float[] buf = new float[b * size];
                    for (int i = 0; i < b; i++) {
                        set.copy(o, start + i, buf, i * size);
                    }
                    inputs.add(buf);
                }
                float[][] sc = scorer.score(inputs, b, rows, frames);
                System.arraycopy(sc, 0, out, start, b);
            }
        }
        return out;
    }
}
