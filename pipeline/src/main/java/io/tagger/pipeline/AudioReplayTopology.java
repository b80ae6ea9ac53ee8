package io.tagger.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A re-tag with a model whose feature settings differ from those of the features retained on
 * {@code segment-features}: {@code audio-in} -> features with the model's settings -> the
 * inference stage's scoring ({@link InferenceTopology}) -> {@code track-tags}, in one Kafka
 * Streams application. The recomputed features go straight to the scoring, not to a topic: the
 * live inference services read {@code segment-features} and must not see a second set of
 * features; exactly-once is the scoring's own (its stores, offsets and output in one transaction).
 *
 * <p>Only the given tracks' segments are replayed. A segment that is not a valid AudioSegment is
 * skipped and counted: the feature service dead-lettered it when it came in. A segment whose PCM
 * is in a form removed before 1.0 (the feature service read it when it came in; nothing reads it
 * now) and a segment whose features cannot be computed go to {@code tagging-dlq}.
 */
public final class AudioReplayTopology {
    public static final String STAGE = "retag-features";

    private AudioReplayTopology() {
    }

    /**
     * {@code tagger-retag-audio-NAME-VERSION}: not the inference service's id for the version,
     * whose application reads another topic.
     */
    public static String applicationId(String modelName, String modelVersion) {
        return "tagger-retag-audio-" + modelName + "-" + modelVersion;
    }

    /**
     * @param tracks  the track ids to re-tag (read concurrently by the stream threads: pass an
     *                immutable set)
     * @param skipped counts the skipped invalid segments
     */
    public static Topology build(ServedModel model, SegmentScorer scorer, InferenceTopology.Options options,
                                 FeatureSettings settings, Set<String> tracks, LongAdder skipped) {
        if (!settings.id().equals(model.featureSettingsId())) {
            throw new IllegalArgumentException("feature settings " + settings.id() + " are not the model's "
                    + model.featureSettingsId());
        }
        FeatureExtractor extractor = new FeatureExtractor(settings);
        Topology t = new Topology();
        var bytes = Serdes.ByteArray();
        t.addSource("audio-in", bytes.deserializer(), bytes.deserializer(), Topics.AUDIO_IN);
        t.addProcessor("features", () -> new Recompute(extractor, settings, tracks, skipped), "audio-in");
        InferenceTopology.addScoring(t, "features", model, scorer, options, "features");
        return t;
    }

    static final class Recompute implements Processor<byte[], byte[], byte[], byte[]> {
        private final FeatureExtractor extractor;
        private final FeatureSettings settings;
        private final Set<String> tracks;
        private final LongAdder skipped;
        private ProcessorContext<byte[], byte[]> context;

        Recompute(FeatureExtractor extractor, FeatureSettings settings, Set<String> tracks, LongAdder skipped) {
            this.extractor = extractor;
            this.settings = settings;
            this.tracks = tracks;
            this.skipped = skipped;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> r) {
            if (r.key() == null || !tracks.contains(new String(r.key(), StandardCharsets.UTF_8))) {
                return; // not a track of this re-tag
            }
            AudioSegment s;
            try {
                s = AudioSegment.parseFrom(r.value() == null ? new byte[0] : r.value());
                FeatureTopology.validate(s, r.key(), settings);
            } catch (FeatureMessages.NoPcm e) {
                if (e.removedForm()) {
                    dead(r, e); // tagged when it came in, unreadable now: not dead-lettered before
                } else {
                    skipped.increment();
                }
                return;
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                skipped.increment();
                return;
            }
            byte[] features;
            try {
                features = FeatureMessages.toProto(s, settings, extractor.extract(FeatureMessages.samples(s), s.getSampleRate()))
                        .toByteArray();
            } catch (IllegalArgumentException e) {
                dead(r, e);
                return;
            }
            context.forward(r.withValue(features), "score");
        }

        private void dead(Record<byte[], byte[]> r, IllegalArgumentException e) {
            var d = DeadLetters.of(STAGE, e.getMessage(), e, context.recordMetadata(), r.key(), r.value());
            context.forward(r.withValue(d.toByteArray()), "dlq");
            PipelineMetrics.deadLetter(d);
        }
    }
}
