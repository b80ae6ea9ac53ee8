package io.tagger.serving;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.util.List;

/**
 * Serves a {@link ModelBundle} with DJL's TensorFlow engine, fully offline (natives from
 * {@code TENSORFLOW_LIBRARY_PATH}, {@code -Dai.djl.offline=true}). Thread-safe for loading; each
 * thread scores through its own {@link Scorer} (DJL's Predictor is not thread-safe).
 */
public final class BundlePredictor implements AutoCloseable {
    private final ModelBundle bundle;
    private final ZooModel<NDList, NDList> model;

    public BundlePredictor(ModelBundle bundle) throws IOException {
        this.bundle = bundle;
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(bundle.dir()).optEngine("TensorFlow").optOption("Tags", "serve")
                .optOption("SignatureDefKey", "serving_default").optTranslator(new NoopTranslator()).build();
        try {
            this.model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("cannot load the SavedModel of " + bundle.dir() + ": " + e.getMessage(), e);
        }
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Scorer newScorer() {
        return new Scorer(model.newPredictor());
    }

    /** One thread's predictor. */
    public final class Scorer implements AutoCloseable {
        private final Predictor<NDList, NDList> predictor;

        Scorer(Predictor<NDList, NDList> predictor) {
            this.predictor = predictor;
        }

        /**
         * Scores a batch: {@code inputs.get(o)} holds {@code batch x rows x frames} floats of the
         * settings' o-th feature; returns {@code [batch][tags]}.
         */
        public float[][] score(List<float[]> inputs, int batch, int[] rows, int[] frames) {
            List<String> keys = bundle.settings().keys();
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList in = new NDList();
                for (int o = 0; o < keys.size(); o++) {
                    NDArray a = m.create(inputs.get(o), new Shape(batch, rows[o], frames[o]));
                    a.setName(keys.get(o)); // DJL binds inputs by name
                    in.add(a);
                }
                NDArray out = predictor.predict(in).singletonOrThrow();
                float[] flat = out.toFloatArray();
                int tags = bundle.tags().size();
                float[][] scores = new float[batch][tags];
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(flat, i * tags, scores[i], 0, tags);
                }
                return scores;
            } catch (TranslateException e) {
                throw new IllegalStateException("inference failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            predictor.close();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
