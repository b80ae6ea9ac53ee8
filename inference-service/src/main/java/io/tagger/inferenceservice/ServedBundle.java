package io.tagger.inferenceservice;

import io.tagger.model.bundle.BundlePredictor;
import io.tagger.model.bundle.ModelBundle;
import io.tagger.model.network.BranchShape;
import io.tagger.pipeline.SegmentScorer;
import io.tagger.pipeline.ServedModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model bundle this service serves ({@code tagger.model.dir}), loaded once on DJL's
 * TensorFlow engine; each stream thread scores through its own predictor.
 */
@ApplicationScoped
public class ServedBundle implements SegmentScorer {
    private static final Logger LOG = Logger.getLogger(ServedBundle.class);

    private final ModelBundle bundle;
    private final BundlePredictor predictor;
    private final ServedModel served;
    private final ThreadLocal<BundlePredictor.Scorer> scorers;
    private final List<BundlePredictor.Scorer> all = new ArrayList<>();

    public ServedBundle(@ConfigProperty(name = "tagger.model.dir") String dir) {
        try {
            bundle = ModelBundle.read(Path.of(dir));
            predictor = new BundlePredictor(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the model bundle " + dir + ": " + e.getMessage(), e);
        }
        List<BranchShape> b = bundle.network().branches();
        int[] rows = b.stream().mapToInt(BranchShape::rows).toArray();
        int[] frames = b.stream().mapToInt(BranchShape::frames).toArray();
        float[] thresholds = new float[bundle.tags().size()];
        for (int t = 0; t < thresholds.length; t++) {
            thresholds[t] = bundle.thresholds().getOrDefault(bundle.tags().get(t), 0.5f);
        }
        served = new ServedModel(bundle.name(), bundle.version(), bundle.tags(), thresholds, bundle.settings().id(),
                bundle.segmentsPerTrack(), bundle.settings().keys(), rows, frames);
        scorers = ThreadLocal.withInitial(() -> {
            BundlePredictor.Scorer s = predictor.newScorer();
            synchronized (all) {
                all.add(s);
            }
            return s;
        });
        LOG.infof("serving %s %s (%s, %,d parameters, feature settings %s)", bundle.name(), bundle.version(),
                bundle.network().name(), bundle.parameters(), bundle.settings().id());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public ServedModel served() {
        return served;
    }

    @Override
    public float[][] score(List<float[][]> batch) {
        int n = batch.size();
        int nf = served.inputs().size();
        List<float[]> inputs = new ArrayList<>(nf);
        for (int o = 0; o < nf; o++) {
            int size = served.rows()[o] * served.frames()[o];
            float[] buf = new float[n * size];
            for (int i = 0; i < n; i++) {
                System.arraycopy(batch.get(i)[o], 0, buf, i * size, size);
            }
            inputs.add(buf);
        }
        return scorers.get().score(inputs, n, served.rows(), served.frames());
    }

    @PreDestroy
    void close() {
        synchronized (all) {
            all.forEach(BundlePredictor.Scorer::close);
        }
        predictor.close();
    }
}
