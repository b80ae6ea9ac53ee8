package io.tagger.pipeline;

import io.tagger.features.Architectures;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import static io.tagger.pipeline.FeatureTopologyTest.key;
import static io.tagger.pipeline.FeatureTopologyTest.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The re-tag from {@code audio-in} with TopologyTestDriver: the segments of the chosen tracks get
 * features with the model's settings (c here) and are scored as the inference stage scores them.
 * The scorer is a fixed function of the inputs, so the expected scores follow from the feature
 * library's own output.
 */
class AudioReplayTopologyTest {
    static final FeatureSettings C = Architectures.named("c");
    static final List<String> TAGS = List.of("rock", "piano");
    final LongAdder skipped = new LongAdder();
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> audio;
    TestOutputTopic<byte[], byte[]> tags;
    TestOutputTopic<byte[], byte[]> features;
    TestOutputTopic<byte[], byte[]> dlq;

    static ServedModel model(String settingsId) {
        List<String> keys = C.keys();
        Map<String, FeatureMatrix> shapes = new FeatureExtractor(C).extract(FeatureMessages.samples(segment("t", 0, 16000, C.segmentSamples())), 16000);
        return new ServedModel("m", "c1", TAGS, new float[]{0.5f, 0.5f}, settingsId, 10, keys,
                keys.stream().mapToInt(k -> shapes.get(k).rows()).toArray(),
                keys.stream().mapToInt(k -> shapes.get(k).frames()).toArray());
    }

    /** Tag t's score: (t + 1) / 10 * the first value of the first input, clipped to [0, 1]. */
    static float[][] score(List<float[][]> batch) {
        float[][] out = new float[batch.size()][TAGS.size()];
        for (int i = 0; i < batch.size(); i++) {
            for (int t = 0; t < TAGS.size(); t++) {
                out[i][t] = Math.min(1, Math.max(0, (t + 1) / 10f * batch.get(i)[0][0]));
            }
        }
        return out;
    }

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(AudioReplayTopology.build(model(C.id()), AudioReplayTopologyTest::score,
                new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60)), C, Set.of("t1", "t2"), skipped),
                TestDrivers.config("audio-replay-test"));
        audio = driver.createInputTopic(Topics.AUDIO_IN, new ByteArraySerializer(), new ByteArraySerializer());
        tags = driver.createOutputTopic(Topics.TRACK_TAGS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        features = driver.createOutputTopic(Topics.SEGMENT_FEATURES, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static AudioSegment segmentOf(String track, int index, int count) {
        return segment(track, index, 16000, C.segmentSamples()).toBuilder().setSegmentCount(count).build();
    }

    @Test
    void theChosenTracksAreTaggedFromFeaturesWithTheModelsSettings() throws Exception {
        FeatureExtractor extractor = new FeatureExtractor(C);
        double[] expected = new double[TAGS.size()];
        for (int i = 0; i < 2; i++) {
            AudioSegment s = segmentOf("t1", i, 2);
            audio.pipeInput(key("t1"), s.toByteArray());
            float first = (float) extractor.extract(FeatureMessages.samples(s), 16000).get(C.keys().get(0)).values()[0];
            for (int t = 0; t < TAGS.size(); t++) {
                expected[t] += Math.min(1, Math.max(0, (t + 1) / 10f * first)) / 2;
            }
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        List<byte[]> out = tags.readValuesToList();
        assertThat(out).hasSize(1);
        TrackTags t = TrackTags.parseFrom(out.get(0));
        assertThat(t.getTrackId()).isEqualTo("t1");
        assertThat(t.getModelVersion()).isEqualTo("c1");
        assertThat(t.getFeatureSettingsId()).isEqualTo(C.id());
        assertThat(t.getSegmentsScored()).isEqualTo(2);
        for (int k = 0; k < TAGS.size(); k++) {
            assertThat((double) t.getScores(k).getScore()).isCloseTo(expected[k], within(1e-6));
        }
        assertThat(features.isEmpty()).as("recomputed features stay inside the replay").isTrue();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(skipped.sum()).isZero();
    }

    @Test
    void otherTracksAreLeftAlone() {
        audio.pipeInput(key("other"), segmentOf("other", 0, 1).toByteArray());
        audio.pipeInput(key("other"), new byte[]{1, 2, 3});
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(tags.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(skipped.sum()).isZero();
    }

    @Test
    void invalidSegmentsAreSkippedAndCountedAndTheTrackIsTaggedFromTheRest() throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        audio.pipeInput(key("t2"), new byte[]{1, 2, 3, 4, 5}, t0);
        audio.pipeInput(key("t2"), segment("t2", 1, 22050, C.segmentSamples()).toByteArray(), t0);
        audio.pipeInput(key("t2"), segmentOf("t2", 2, 3).toByteArray(), t0);
        driver.advanceWallClockTime(Duration.ofMinutes(30)); // the wall clock does not decide (nor the real one)
        assertThat(tags.isEmpty()).isTrue();
        // The incomplete-track rule, in stream time: a record of another track, 2 minutes later.
        audio.pipeInput(key("other"), segmentOf("other", 0, 1).toByteArray(), t0.plusSeconds(120));
        List<byte[]> out = tags.readValuesToList();
        assertThat(out).hasSize(1);
        TrackTags t = TrackTags.parseFrom(out.get(0));
        assertThat(t.getSegmentCount()).isEqualTo(3);
        assertThat(t.getSegmentsScored()).isEqualTo(1);
        assertThat(skipped.sum()).isEqualTo(2);
        assertThat(dlq.isEmpty()).as("dead-lettered by the feature service when they came in").isTrue();
    }

    /**
     * Issue #21: a segment retained on audio-in from before 1.0, its PCM in a removed form, was tagged
     * when it came in; a replay cannot read it, so it is dead-lettered (not silently skipped as the
     * feature service's own dead letters are), and the track is tagged from its readable segments.
     */
    @Test
    void segmentsInARemovedPcmFormAreDeadLetteredNotSkipped() throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        AudioSegment header = segmentOf("t2", 0, 3).toBuilder().clearPcmS16Le().clearPcmS16LeExponent().build();
        byte[] old = FeatureTopologyTest.withRemovedField(header, 5, FeatureTopologyTest.floats(FeatureMessages.samples(segmentOf("t2", 0, 3))));
        audio.pipeInput(key("t2"), old, t0);
        audio.pipeInput(key("t2"), segmentOf("t2", 1, 3).toBuilder().clearPcmS16Le().build().toByteArray(), t0); // no PCM at all
        audio.pipeInput(key("t2"), segmentOf("t2", 2, 3).toByteArray(), t0);
        List<byte[]> dead = dlq.readValuesToList();
        assertThat(dead).hasSize(1);
        var d = io.tagger.proto.v1.DeadLetter.parseFrom(dead.get(0));
        assertThat(d.getStage()).isEqualTo(AudioReplayTopology.STAGE);
        assertThat(d.getReason()).startsWith("AudioSegment without pcm_s16le: its PCM is in 'samples'");
        assertThat(d.getOriginalValue().toByteArray()).isEqualTo(old);
        assertThat(skipped.sum()).as("the one without PCM was dead-lettered when it came in").isEqualTo(1);
        audio.pipeInput(key("other"), segmentOf("other", 0, 1).toByteArray(), t0.plusSeconds(120));
        TrackTags t = TrackTags.parseFrom(tags.readValuesToList().get(0));
        assertThat(t.getTrackId()).isEqualTo("t2");
        assertThat(t.getSegmentsScored()).isEqualTo(1);
        assertThat(t.getSegments(0).getSegmentIndex()).isEqualTo(2);
    }

    @Test
    void aModelThatNeedsOtherSettingsIsRejected() {
        assertThatThrownBy(() -> AudioReplayTopology.build(model("a-123"), AudioReplayTopologyTest::score,
                new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60)), C, Set.of("t1"), skipped))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-123");
    }
}
