package io.tagger.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tagger.proto.v1.DeadLetter;

/**
 * The pipeline's own counters, registered on Micrometer's global registry: in the services it
 * holds Quarkus' Prometheus registry (so they appear at {@code /q/metrics}); in a command (a
 * re-tag) it is empty and counting costs nothing. The names, as Prometheus shows them, are listed
 * in docs/operations.md ("Metrics"); the dashboard and the alerts in k8s/monitoring use them.
 *
 * <p>The counters count what a stream thread did, not what was committed: where a Kafka
 * transaction aborts and its records are processed again, a dead letter or an incomplete track
 * is counted again (its record on Kafka is not duplicated).
 */
public final class PipelineMetrics {
    /** Dead letters written, by stage, reason kind ({@link DeadLetterReasons}) and source topic. */
    public static final String DEAD_LETTERS = "tagger.dead.letters";
    /** Stream threads that died and were replaced ({@link StreamThreadRecovery}). */
    public static final String THREAD_REPLACEMENTS = "tagger.stream.thread.replacements";
    /** Kafka Streams clients shut down after too many replacements ({@link StreamThreadRecovery}). */
    public static final String CLIENT_SHUTDOWNS = "tagger.stream.client.shutdowns";
    /** TrackTags emitted with fewer segments scored than the track has ({@link InferenceTopology}). */
    public static final String INCOMPLETE_TRACKS = "tagger.inference.incomplete.tracks";

    private PipelineMetrics() {
    }

    static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** Counts a dead letter written to {@code tagging-dlq}. */
    public static void deadLetter(DeadLetter d) {
        Counter.builder(DEAD_LETTERS).description("records written to tagging-dlq")
                .tag("stage", d.getStage()).tag("reason", DeadLetterReasons.of(d))
                .tag("source_topic", d.getSourceTopic().isEmpty() ? "none" : d.getSourceTopic())
                .register(registry()).increment();
    }

    /** Stream-thread replacements (registered at 0 when a {@link StreamThreadRecovery} is made, so the series exists). */
    static Counter threadReplacements() {
        return Counter.builder(THREAD_REPLACEMENTS).description("stream threads that died and were replaced")
                .register(registry());
    }

    static Counter clientShutdowns() {
        return Counter.builder(CLIENT_SHUTDOWNS)
                .description("Kafka Streams clients shut down after too many stream-thread replacements")
                .register(registry());
    }

    /** Incomplete tracks of a model version (registered at 0 when its topology is built). */
    static Counter incompleteTracks(String modelName, String modelVersion) {
        return Counter.builder(INCOMPLETE_TRACKS).description("TrackTags emitted before every segment was scored")
                .tag("model", modelName + ":" + modelVersion).register(registry());
    }
}
