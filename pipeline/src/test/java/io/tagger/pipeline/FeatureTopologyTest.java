package io.tagger.pipeline;

import io.tagger.features.Architectures;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.SegmentFeatures;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureTopologyTest {
    static final FeatureSettings A = Architectures.named("a");
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> in;
    TestOutputTopic<byte[], byte[]> out;
    TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "features-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(FeatureTopology.build(A), p);
        in = driver.createInputTopic(Topics.AUDIO_IN, new ByteArraySerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(Topics.SEGMENT_FEATURES, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A segment as writers send it now: the PCM in {@code pcm_f32le}. */
    static AudioSegment segment(String track, int index, int rate, int samples) {
        double[] tones = tones(index, rate, samples);
        float[] pcm = new float[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (float) tones[i];
        }
        return FeatureMessages.setPcm(header(track, index, rate), pcm, 0, samples, samples, new byte[samples * Float.BYTES]).build();
    }

    /** The same segment in the first form: packed {@code samples}. */
    static AudioSegment packedSegment(String track, int index, int rate, int samples) {
        AudioSegment.Builder b = header(track, index, rate);
        for (double x : tones(index, rate, samples)) {
            b.addSamples((float) x);
        }
        return b.build();
    }

    static AudioSegment.Builder header(String track, int index, int rate) {
        return AudioSegment.newBuilder().setTrackId(track).setSegmentIndex(index).setSegmentCount(10)
                .setSampleRate(rate).setSource("test").setIngestTimeMs(123);
    }

    static double[] tones(int index, int rate, int samples) {
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / (double) rate;
            x[i] = 0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * (100 + index) * t);
        }
        return x;
    }

    @Test
    void pcmBytesAndPackedSamplesCarryTheSameFloats() {
        AudioSegment bytes = segment("t", 1, 16000, 1000);
        AudioSegment packed = packedSegment("t", 1, 16000, 1000);
        assertThat(bytes.getSamplesCount()).isZero();
        assertThat(bytes.getPcmF32Le().size()).isEqualTo(4000);
        assertThat(FeatureMessages.sampleCount(bytes)).isEqualTo(1000);
        assertThat(FeatureMessages.sampleCount(packed)).isEqualTo(1000);
        assertThat(FeatureMessages.samples(bytes)).containsExactly(FeatureMessages.samples(packed));
        // Little-endian float32: the first sample's bytes as any other reader would take them.
        float first = java.nio.ByteBuffer.wrap(bytes.getPcmF32Le().toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(packed.getSamples(0));
        // Same size on the wire: 4 bytes a sample either way.
        assertThat(Math.abs(bytes.getSerializedSize() - packed.getSerializedSize())).isLessThan(8);
    }

    @Test
    void segmentsInTheFirstFormStillBecomeTheSameFeatures() throws Exception {
        in.pipeInput(key("t1"), segment("t1", 2, 16000, A.segmentSamples()).toByteArray());
        in.pipeInput(key("t1"), packedSegment("t1", 2, 16000, A.segmentSamples()).toByteArray());
        var both = out.readValuesToList();
        assertThat(both).hasSize(2);
        assertThat(both.get(1)).containsExactly(both.get(0));
        assertThat(dlq.isEmpty()).isTrue();
    }

    static byte[] key(String track) {
        return track.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void segmentsBecomeTheirFeaturesExactlyAsTheLibraryComputesThem() throws Exception {
        AudioSegment s = segment("t1", 3, 16000, A.segmentSamples());
        in.pipeInput(key("t1"), s.toByteArray());
        var rec = out.readKeyValue();
        assertThat(new String(rec.key, StandardCharsets.UTF_8)).isEqualTo("t1");
        SegmentFeatures f = SegmentFeatures.parseFrom(rec.value);
        assertThat(f.getSegmentIndex()).isEqualTo(3);
        assertThat(f.getFeatureSettingsId()).isEqualTo(A.id());
        assertThat(f.getIngestTimeMs()).isEqualTo(123);
        Map<String, FeatureMatrix> direct = new FeatureExtractor(A).extract(FeatureMessages.samples(s), 16000);
        assertThat(f.getFeaturesList()).hasSize(13);
        for (var m : f.getFeaturesList()) {
            double[] expected = direct.get(m.getName()).values();
            assertThat(m.getValues32Count()).isEqualTo(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(Float.compare(m.getValues32(i), (float) expected[i])).isZero();
            }
        }
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void badRecordsGoToTheDeadLetterQueueAndTheStreamGoesOn() throws Exception {
        in.pipeInput(key("corrupt"), new byte[]{1, 2, 3, 4, 5});
        in.pipeInput(key("rate"), segment("rate", 0, 22050, A.segmentSamples()).toByteArray());
        in.pipeInput(key("short"), segment("short", 0, 16000, 1000).toByteArray());
        in.pipeInput(key("other"), segment("wrongkey", 0, 16000, A.segmentSamples()).toByteArray());
        in.pipeInput(key("torn"), header("torn", 0, 16000).setPcmF32Le(com.google.protobuf.ByteString.copyFrom(new byte[4 * 100 + 2]))
                .build().toByteArray());
        in.pipeInput(key("ok"), segment("ok", 0, 16000, A.segmentSamples()).toByteArray());
        var dead = dlq.readValuesToList();
        assertThat(dead).hasSize(5);
        DeadLetter d0 = DeadLetter.parseFrom(dead.get(0));
        assertThat(d0.getStage()).isEqualTo("features");
        assertThat(d0.getReason()).contains("corrupt protobuf");
        assertThat(d0.getOriginalValue().toByteArray()).containsExactly(1, 2, 3, 4, 5);
        assertThat(d0.getSourceTopic()).isEqualTo(Topics.AUDIO_IN);
        assertThat(DeadLetter.parseFrom(dead.get(1)).getReason()).contains("22050 Hz");
        assertThat(DeadLetter.parseFrom(dead.get(2)).getReason()).contains("1000 samples");
        assertThat(DeadLetter.parseFrom(dead.get(3)).getReason()).contains("key");
        assertThat(DeadLetter.parseFrom(dead.get(4)).getReason()).contains("402 bytes is not a whole number of float32 samples");
        assertThat(out.readValuesToList()).hasSize(1);
    }
}
