package io.tagger.inferenceservice;

import io.tagger.pipeline.InferenceTopology;
import io.tagger.pipeline.StreamThreadRecovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
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

    @ConfigProperty(name = "tagger.streams.max-thread-replacements", defaultValue = "5")
    int maxThreadReplacements;

    @ConfigProperty(name = "tagger.streams.thread-replacement-window", defaultValue = "PT10M")
    Duration threadReplacementWindow;

    @Produces
    public Topology topology(ServedBundle model) {
        return InferenceTopology.build(model.served(), model,
                new InferenceTopology.Options(batchSize, maxWait, incompleteAfter), true);
    }

    /** A stream thread that dies is replaced (see {@link StreamThreadRecovery}); Quarkus sets it on the client. */
    @Produces
    public StreamsUncaughtExceptionHandler streamThreadRecovery() {
        return new StreamThreadRecovery(maxThreadReplacements, threadReplacementWindow, Clock.systemUTC());
    }
}
