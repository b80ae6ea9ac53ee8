package io.tagger.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The feature stage: {@code audio-in} (AudioSegment) -> {@code segment-features}
 * (SegmentFeatures with the configured settings). A record that cannot be parsed, carries no
 * {@code pcm_s16le}, has the wrong sample rate or segment length, or holds invalid audio goes to
 * {@code tagging-dlq} with the reason
 * and the original bytes; the stream goes on. Stateless, so exactly-once comes from Kafka
 * Streams' {@code exactly_once_v2} alone.
 */
public final class FeatureTopology {
    public static final String STAGE = "features";

    private FeatureTopology() {
    }

    public static Topology build(FeatureSettings settings) {
        if (settings.segmentSamples() == 0) {
            throw new IllegalArgumentException("the feature service needs segment settings (a, b or c), got '"
                    + settings.name() + "'");
        }
        FeatureExtractor extractor = new FeatureExtractor(settings);
        StreamsBuilder b = new StreamsBuilder();
        KStream<byte[], Outcome> out = b.stream(Topics.AUDIO_IN, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(() -> new Extract(extractor, settings));
        out.split()
                .branch((k, v) -> v.ok() != null, Branched.withConsumer(s -> s.mapValues(Outcome::ok)
                        .to(Topics.SEGMENT_FEATURES, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()))))
                .defaultBranch(Branched.withConsumer(s -> s.mapValues(Outcome::dead)
                        .to(Topics.DLQ, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()))));
        return b.build();
    }

    /**
     * Rejects a segment this stage cannot compute features of with {@code settings}: no track id, a
     * key other than its track id, no {@code pcm_s16le} ({@link FeatureMessages.NoPcm}: also a record
     * whose PCM is in a form removed before 1.0), another sample rate or length, an index outside
     * its count.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static void validate(AudioSegment s, byte[] key, FeatureSettings settings) {
        if (s.getTrackId().isEmpty()) {
            throw new IllegalArgumentException("AudioSegment without track id");
        }
        if (key == null || !new String(key, StandardCharsets.UTF_8).equals(s.getTrackId())) {
            throw new IllegalArgumentException("record key is not the track id '" + s.getTrackId() + "'");
        }
        int samples = FeatureMessages.sampleCount(s); // no pcm_s16le (the one PCM form), or torn bytes
        if (s.getSampleRate() != settings.sampleRate()) {
            throw new IllegalArgumentException("segment at " + s.getSampleRate() + " Hz, the feature settings '"
                    + settings.name() + "' need " + settings.sampleRate() + " Hz");
        }
        if (samples != settings.segmentSamples()) {
            throw new IllegalArgumentException("segment of " + samples + " samples, expected " + settings.segmentSamples());
        }
        if (s.getSegmentCount() < 1 || s.getSegmentIndex() >= s.getSegmentCount()) {
            throw new IllegalArgumentException("segment index " + s.getSegmentIndex() + " of " + s.getSegmentCount());
        }
    }

    /** Either the SegmentFeatures bytes or the DeadLetter bytes. */
    record Outcome(byte[] ok, byte[] dead) {
    }

    static final class Extract implements FixedKeyProcessor<byte[], byte[], Outcome> {
        private final FeatureExtractor extractor;
        private final FeatureSettings settings;
        private FixedKeyProcessorContext<byte[], Outcome> context;

        Extract(FeatureExtractor extractor, FeatureSettings settings) {
            this.extractor = extractor;
            this.settings = settings;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], Outcome> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> r) {
            try {
                AudioSegment s = AudioSegment.parseFrom(r.value() == null ? new byte[0] : r.value());
                validate(s, r.key(), settings);
                Map<String, FeatureMatrix> f = extractor.extract(FeatureMessages.samples(s), s.getSampleRate());
                context.forward(r.withValue(new Outcome(FeatureMessages.toProto(s, settings, f).toByteArray(), null)));
            } catch (InvalidProtocolBufferException e) {
                dead(r, "not an AudioSegment (corrupt protobuf): " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                dead(r, e.getMessage(), e);
            }
        }

        private void dead(FixedKeyRecord<byte[], byte[]> r, String reason, Throwable e) {
            DeadLetter d = DeadLetters.of(STAGE, reason, e, context.recordMetadata(), r.key(), r.value());
            context.forward(r.withValue(new Outcome(null, d.toByteArray())));
            PipelineMetrics.deadLetter(d);
        }
    }
}
