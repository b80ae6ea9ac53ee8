package io.tagger.featureservice;

import io.tagger.features.Architectures;
import io.tagger.features.FeatureSettings;
import io.tagger.pipeline.FeatureTopology;
import io.tagger.pipeline.StreamThreadRecovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * The feature service's topology: {@code audio-in} -> {@code segment-features}, with the feature
 * settings named by {@code tagger.features.settings} (a, b or c; they must be the served
 * model's: the inference service refuses others, to the DLQ).
 */
@ApplicationScoped
public class FeatureStage {
    private static final Logger LOG = Logger.getLogger(FeatureStage.class);

    @ConfigProperty(name = "tagger.features.settings", defaultValue = "a")
    String settings;

    @ConfigProperty(name = "tagger.streams.max-thread-replacements", defaultValue = "5")
    int maxThreadReplacements;

    @ConfigProperty(name = "tagger.streams.thread-replacement-window", defaultValue = "PT10M")
    Duration threadReplacementWindow;

    @Produces
    public Topology topology() {
        FeatureSettings s = Architectures.named(settings);
        LOG.infof("computing features with settings %s (%d Hz, %d samples per segment)", s.id(), s.sampleRate(),
                s.segmentSamples());
        return FeatureTopology.build(s);
    }

    /** A stream thread that dies is replaced (see {@link StreamThreadRecovery}); Quarkus sets it on the client. */
    @Produces
    public StreamsUncaughtExceptionHandler streamThreadRecovery() {
        return new StreamThreadRecovery(maxThreadReplacements, threadReplacementWindow, Clock.systemUTC());
    }
}
