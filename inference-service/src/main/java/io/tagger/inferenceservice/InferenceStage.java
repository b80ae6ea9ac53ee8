package io.tagger.inferenceservice;

import io.tagger.pipeline.InferenceTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The inference service's topology (see {@link InferenceTopology} for the exactly-once and timeout rules). */
@ApplicationScoped
public class InferenceStage {
    @ConfigProperty(name = "tagger.inference.batch-size", defaultValue = "32")
    int batchSize;

    @ConfigProperty(name = "tagger.inference.max-wait", defaultValue = "PT0.2S")
    Duration maxWait;

    @ConfigProperty(name = "tagger.inference.incomplete-after", defaultValue = "PT5M")
    Duration incompleteAfter;

    @Produces
    public Topology topology(ServedBundle model) {
        return InferenceTopology.build(model.served(), model,
                new InferenceTopology.Options(batchSize, maxWait, incompleteAfter), true);
    }
}
