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
import java.util.List;
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

    /** A segment as writers send it now: the PCM in {@code pcm_s16le}. */
    static AudioSegment segment(String track, int index, int rate, int samples) {
        return FeatureMessages.setPcm(header(track, index, rate), tones(index, rate, samples), 0, samples, samples,
                new byte[samples * Short.BYTES]).build();
    }

    /**
     * The same samples as writers before 1.0 sent them in the first form, packed float {@code samples}
     * (field 5, now reserved): raw protobuf bytes, the header's fields then field 5.
     */
    static byte[] packedSegment(String track, int index, int rate, int samples) {
        double[] x = FeatureMessages.samples(segment(track, index, rate, samples));
        return withRemovedField(header(track, index, rate).build(), 5, floats(x));
    }

    /** ... and in the second form, {@code pcm_f32le} (field 9, now reserved): raw protobuf bytes. */
    static byte[] f32Segment(String track, int index, int rate, int samples) {
        double[] x = FeatureMessages.samples(segment(track, index, rate, samples));
        return withRemovedField(header(track, index, rate).build(), 9, floats(x));
    }

    /** Little-endian float32 of each sample: the wire bytes of a packed float field and of pcm_f32le alike. */
    static byte[] floats(double[] x) {
        java.nio.ByteBuffer f32 = java.nio.ByteBuffer.allocate(x.length * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : x) {
            f32.putFloat((float) v);
        }
        return f32.array();
    }

    /** {@code header}'s bytes followed by a length-delimited field {@code field} holding {@code payload}. */
    static byte[] withRemovedField(AudioSegment header, int field, byte[] payload) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            header.writeTo(bytes);
            com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
            out.writeTag(field, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(payload.length);
            out.writeRawBytes(payload);
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static AudioSegment.Builder header(String track, int index, int rate) {
        return AudioSegment.newBuilder().setTrackId(track).setSegmentIndex(index).setSegmentCount(10)
                .setSampleRate(rate).setSource("test").setIngestTimeMs(123);
    }

    static float[] tones(int index, int rate, int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / (double) rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * (100 + index) * t));
        }
        return x;
    }

    @Test
    void sixteenBitPcmIsHalfTheBytesOfFloat32() throws Exception {
        AudioSegment s16 = segment("t", 1, 16000, 1000);
        assertThat(s16.getPcmS16Le().size()).isEqualTo(2000);
        assertThat(FeatureMessages.sampleCount(s16)).isEqualTo(1000);
        // Within half a 16-bit step (the peak is 0.5, so the step is 2^-16) of the tones themselves.
        float[] tones = tones(1, 16000, 1000);
        double[] x = FeatureMessages.samples(s16);
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(x[i] - tones[i])).isLessThanOrEqualTo(Math.scalb(1.0, -17));
        }
        // Little-endian 16-bit: the second sample's code as any other reader would take it.
        short second = java.nio.ByteBuffer.wrap(s16.getPcmS16Le().toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(2);
        assertThat(second * Math.scalb(1.0, s16.getPcmS16LeExponent())).isEqualTo(x[1]);
        assertThat(s16.getSerializedSize()).isLessThan(f32Segment("t", 1, 16000, 1000).length / 2 + 100);
    }

    /**
     * Issue #21: the PCM has one form. A record written before 1.0 with its PCM in a removed field
     * (raw bytes with field 5 or 9: what the retained audio-in may still hold) was tagged then; now it
     * is dead-lettered with a reason that names the form, its original bytes kept, and nothing else
     * is held up.
     */
    @Test
    void segmentsInRemovedPcmFormsAreDeadLetteredWithTheReason() throws Exception {
        byte[] packed = packedSegment("t1", 2, 16000, A.segmentSamples());
        byte[] f32 = f32Segment("t1", 3, 16000, A.segmentSamples());
        in.pipeInput(key("t1"), packed);
        in.pipeInput(key("t1"), f32);
        in.pipeInput(key("none"), header("none", 0, 16000).build().toByteArray());
        in.pipeInput(key("t1"), segment("t1", 4, 16000, A.segmentSamples()).toByteArray());
        List<byte[]> features = out.readValuesToList();
        assertThat(features).hasSize(1);
        assertThat(SegmentFeatures.parseFrom(features.get(0)).getSegmentIndex()).isEqualTo(4);
        List<DeadLetter> dead = dlq.readValuesToList().stream().map(FeatureTopologyTest::deadLetter).toList();
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).getReason()).isEqualTo("AudioSegment without pcm_s16le: its PCM is in 'samples', a form"
                + " removed before 1.0 that is no longer read; publish the track again");
        assertThat(dead.get(1).getReason()).startsWith("AudioSegment without pcm_s16le: its PCM is in 'pcm_f32le', a form removed");
        assertThat(dead.get(2).getReason()).isEqualTo("AudioSegment without pcm_s16le (no PCM)");
        assertThat(dead.get(0).getOriginalValue().toByteArray()).isEqualTo(packed);
        assertThat(dead.get(1).getOriginalValue().toByteArray()).isEqualTo(f32);
        for (DeadLetter d : dead) {
            assertThat(d.getStage()).isEqualTo(FeatureTopology.STAGE);
            assertThat(d.getSourceTopic()).isEqualTo(Topics.AUDIO_IN);
            assertThat(DeadLetterReasons.of(d)).isEqualTo(DeadLetterReasons.NO_PCM);
            // No fix of the pipeline makes it readable: ./tagger dlq replay refuses it.
            assertThat(DeadLetterReplay.refusal(d)).contains("publish the track again");
        }
    }

    static DeadLetter deadLetter(byte[] value) {
        try {
            return DeadLetter.parseFrom(value);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
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
        in.pipeInput(key("torn"), header("torn", 0, 16000).setPcmS16Le(com.google.protobuf.ByteString.copyFrom(new byte[2 * 100 + 1]))
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
        assertThat(DeadLetter.parseFrom(dead.get(4)).getReason()).contains("pcm_s16le of 201 bytes is not a whole number of 16-bit samples");
        assertThat(out.readValuesToList()).hasSize(1);
    }
}
