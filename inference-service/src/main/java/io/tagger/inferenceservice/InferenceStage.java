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

    /** Wall-clock fallback of the incomplete rule (stream time stands still while no record arrives); PT0S: none. */
    @ConfigProperty(name = "tagger.inference.incomplete-after-idle", defaultValue = "PT1H")
    Duration incompleteAfterIdle;

    /** How long (in stream time) an emitted track's id is kept to drop its duplicates and late segments. */
    @ConfigProperty(name = "tagger.inference.done-retention", defaultValue = "P7D")
    Duration doneRetention;

    /** {@code dead-letter} (default) or {@code skip}: see {@link #options()}. */
    @ConfigProperty(name = "tagger.inference.other-settings", defaultValue = "dead-letter")
    String otherSettings;

    @ConfigProperty(name = "tagger.streams.max-thread-replacements", defaultValue = "5")
    int maxThreadReplacements;

    @ConfigProperty(name = "tagger.streams.thread-replacement-window", defaultValue = "PT10M")
    Duration threadReplacementWindow;

    @Produces
    public Topology topology(ServedBundle model) {
        return InferenceTopology.build(model.served(), model, options(), true);
    }

    /**
     * The stage's options from configuration. Features computed with other settings than the
     * model's are bad input and go to the DLQ, unless {@code tagger.inference.other-settings} is
     * {@code skip}: for a version whose settings differ from those of the features retained on
     * {@code segment-features} (it reads them from the start; {@code ./tagger retag} re-tags those
     * tracks from {@code audio-in}).
     */
    InferenceTopology.Options options() {
        boolean skip = switch (otherSettings) {
            case "dead-letter" -> false;
            case "skip" -> true;
            default -> throw new IllegalArgumentException("tagger.inference.other-settings (TAGGER_INFERENCE_OTHER_SETTINGS) is '"
                    + otherSettings + "'; it must be dead-letter or skip");
        };
        return new InferenceTopology.Options(batchSize, maxWait, incompleteAfter, incompleteAfterIdle, doneRetention,
                skip);
    }

    /** A stream thread that dies is replaced (see {@link StreamThreadRecovery}); Quarkus sets it on the client. */
    @Produces
    public StreamsUncaughtExceptionHandler streamThreadRecovery() {
        return new StreamThreadRecovery(maxThreadReplacements, threadReplacementWindow, Clock.systemUTC());
    }
}
