package io.tagger.benchmarks;

import io.tagger.model.train.SegmentSet;
import io.tagger.serving.network.BranchShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random inputs of a network's real shapes: a step costs the same whatever the values. */
final class RandomSegments {
    private RandomSegments() {
    }

    static SegmentSet of(List<BranchShape> branches, int segments, int tags, long seed) {
        Random r = new Random(seed);
        int nf = branches.size();
        List<String> names = new ArrayList<>();
        int[] rows = new int[nf];
        int[] frames = new int[nf];
        float[][] data = new float[nf][];
        for (int o = 0; o < nf; o++) {
            BranchShape b = branches.get(o);
            names.add(b.feature());
            rows[o] = b.rows();
            frames[o] = b.frames();
            data[o] = new float[segments * b.rows() * b.frames()];
            for (int i = 0; i < data[o].length; i++) {
                data[o][i] = (float) r.nextGaussian();
            }
        }
        boolean[][] labels = new boolean[segments][tags];
        int[] clipOf = new int[segments];
        for (int s = 0; s < segments; s++) {
            clipOf[s] = s;
            for (int t = 0; t < tags; t++) {
                labels[s][t] = r.nextInt(6) == 0;
            }
        }
        return SegmentSet.of(names, rows, frames, data, labels, clipOf);
    }
}
