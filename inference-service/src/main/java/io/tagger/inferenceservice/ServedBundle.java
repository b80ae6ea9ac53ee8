package io.tagger.inferenceservice;

import io.tagger.pipeline.SegmentScorer;
import io.tagger.pipeline.ServedModel;
import io.tagger.serving.BatchScorer;
import io.tagger.serving.EngineThreads;
import io.tagger.serving.KernelCache;
import io.tagger.serving.ModelBundle;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final DistributionSummary batchSizes;

    public ServedBundle(@ConfigProperty(name = "tagger.model.dir") String dir,
                        @ConfigProperty(name = "tagger.inference.tensorflow-threads", defaultValue = "1") int threads,
                        MeterRegistry registry) {
        batchSizes = DistributionSummary.builder("tagger.inference.batch.segments")
                .description("segments per model call (one call per batch)").baseUnit("segments").register(registry);
        ModelBundle bundle;
        try {
            bundle = ModelBundle.read(Path.of(dir));
            EngineThreads.of(threads).applyToProcess();
            scorer = new BatchScorer(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the model bundle " + dir + ": " + e.getMessage(), e);
        }
        served = servedModel(scorer);
        LOG.infof("serving %s %s (%s, %,d parameters, feature settings %s; TensorFlow threads %s)", bundle.name(),
                bundle.version(), bundle.network().name(), bundle.parameters(), bundle.settings().id(),
                threads == 0 ? "TensorFlow's choice" : threads);
        KernelCache.warning(System.getenv()).ifPresent(LOG::warn);
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
        batchSizes.record(batch.size());
        return scorer.score(batch);
    }

    @PreDestroy
    void close() {
        scorer.close();
    }
}
