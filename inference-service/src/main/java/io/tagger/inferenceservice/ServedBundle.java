package io.tagger.inferenceservice;

import io.tagger.model.bundle.BatchScorer;
import io.tagger.model.bundle.ModelBundle;
import io.tagger.pipeline.SegmentScorer;
import io.tagger.pipeline.ServedModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The model bundle this service serves ({@code tagger.model.dir}), loaded once on DJL's
 * TensorFlow engine; each stream thread scores through its own predictor.
 */
@ApplicationScoped
public class ServedBundle implements SegmentScorer {
    private static final Logger LOG = Logger.getLogger(ServedBundle.class);

    private final BatchScorer scorer;
    private final ServedModel served;

    public ServedBundle(@ConfigProperty(name = "tagger.model.dir") String dir) {
        ModelBundle bundle;
        try {
            bundle = ModelBundle.read(Path.of(dir));
            scorer = new BatchScorer(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the model bundle " + dir + ": " + e.getMessage(), e);
        }
        served = servedModel(scorer);
        LOG.infof("serving %s %s (%s, %,d parameters, feature settings %s)", bundle.name(), bundle.version(),
                bundle.network().name(), bundle.parameters(), bundle.settings().id());
    }

    /** What the inference topology needs to know of a bundle. */
    public static ServedModel servedModel(BatchScorer scorer) {
        ModelBundle b = scorer.bundle();
        return new ServedModel(b.name(), b.version(), b.tags(), scorer.thresholds(), b.settings().id(),
                b.segmentsPerTrack(), b.settings().keys(), scorer.rows(), scorer.frames());
    }

    public ModelBundle bundle() {
        return scorer.bundle();
    }

    public ServedModel served() {
        return served;
    }

    @Override
    public float[][] score(List<float[][]> batch) {
        return scorer.score(batch);
    }

    @PreDestroy
    void close() {
        scorer.close();
    }
}
