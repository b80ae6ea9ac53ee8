package io.tagger.serving;

import io.tagger.serving.network.BranchShape;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores batches of segments with a model bundle for a streaming stage: one DJL predictor, one
 * {@link BundlePredictor.Scorer} per calling thread. {@code batch.get(i)[o]} is segment i's input o
 * ({@code rows[o] x frames[o]} floats); the answer is {@code [segment][tag]}.
 */
public final class BatchScorer implements AutoCloseable {
    private final ModelBundle bundle;
    private final BundlePredictor predictor;
    private final int[] rows;
    private final int[] frames;
    private final ThreadLocal<BundlePredictor.Scorer> scorers;
    private final List<BundlePredictor.Scorer> all = new ArrayList<>();

    public BatchScorer(ModelBundle bundle) throws IOException {
        this.bundle = bundle;
        this.predictor = new BundlePredictor(bundle);
        List<BranchShape> b = bundle.network().branches();
        rows = b.stream().mapToInt(BranchShape::rows).toArray();
        frames = b.stream().mapToInt(BranchShape::frames).toArray();
        scorers = ThreadLocal.withInitial(() -> {
            BundlePredictor.Scorer s = predictor.newScorer();
            synchronized (all) {
                all.add(s);
            }
            return s;
        });
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public int[] rows() {
        return rows.clone();
    }

    public int[] frames() {
        return frames.clone();
    }

    /** The decision threshold of every tag, in output order (0.5 where the bundle has none). */
    public float[] thresholds() {
        float[] t = new float[bundle.tags().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = bundle.thresholds().getOrDefault(bundle.tags().get(i), 0.5f);
        }
        return t;
    }

    public float[][] score(List<float[][]> batch) {
        int n = batch.size();
        List<float[]> inputs = new ArrayList<>(rows.length);
        for (int o = 0; o < rows.length; o++) {
            int size = rows[o] * frames[o];
            float[] buf = new float[n * size];
            for (int i = 0; i < n; i++) {
                System.arraycopy(batch.get(i)[o], 0, buf, i * size, size);
            }
            inputs.add(buf);
        }
        return scorers.get().score(inputs, n, rows, frames);
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(BundlePredictor.Scorer::close);
        }
        predictor.close();
    }
}
