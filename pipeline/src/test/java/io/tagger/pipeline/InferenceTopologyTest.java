package io.tagger.pipeline;

import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.FeatureMatrix;
import io.tagger.proto.v1.SegmentFeatures;
import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The inference stage's logic (batching, aggregation, duplicates, timeouts, DLQ) with
 * TopologyTestDriver. The scorer here is a fixed arithmetic function of the inputs, so every
 * expected score is known; the real model bundle is exercised by the inference service's tests.
 */
class InferenceTopologyTest {
    static final List<String> TAGS = List.of("rock", "piano", "slow");
    static final ServedModel MODEL = new ServedModel("m", "1", TAGS, new float[]{0.5f, 0.5f, 0.99f}, "a-123", 10,
            List.of("rms", "mfcc"), new int[]{1, 2}, new int[]{3, 2});
    final List<Integer> batchSizes = new ArrayList<>();
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> in;
    TestOutputTopic<byte[], byte[]> tags;
    TestOutputTopic<byte[], byte[]> dlq;

    /** Tag t's score: sigmoid of (t+1) * the first rms value. */
    float[][] score(List<float[][]> batch) {
        batchSizes.add(batch.size());
        float[][] out = new float[batch.size()][TAGS.size()];
        for (int i = 0; i < batch.size(); i++) {
            for (int t = 0; t < TAGS.size(); t++) {
                out[i][t] = (float) (1 / (1 + Math.exp(-(t + 1) * batch.get(i)[0][0])));
            }
        }
        return out;
    }

    @BeforeEach
    void start() {
        start(new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60)), true);
    }

    void start(InferenceTopology.Options options, boolean queryable) {
        driver = new TopologyTestDriver(InferenceTopology.build(MODEL, this::score, options, queryable),
                TestDrivers.config("inference-test"));
        in = driver.createInputTopic(Topics.SEGMENT_FEATURES, new ByteArraySerializer(), new ByteArraySerializer());
        tags = driver.createOutputTopic(Topics.TRACK_TAGS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static SegmentFeatures features(String track, int index, int count, float rms0, String settings) {
        return SegmentFeatures.newBuilder().setTrackId(track).setSegmentIndex(index).setSegmentCount(count)
                .setFeatureSettingsId(settings).setIngestTimeMs(5)
                .addFeatures(FeatureMatrix.newBuilder().setName("rms").setRows(1).setFrames(3).addValues(rms0).addValues(0).addValues(0))
                .addFeatures(FeatureMatrix.newBuilder().setName("mfcc").setRows(2).setFrames(2)
                        .addValues(1).addValues(2).addValues(3).addValues(4))
                .build();
    }

    void send(String track, int index, int count, float rms0) {
        in.pipeInput(track.getBytes(StandardCharsets.UTF_8), features(track, index, count, rms0, "a-123").toByteArray());
    }

    @Test
    void tenSegmentsGiveOneTrackTagsWithTheMeanScore() throws Exception {
        for (int i = 0; i < 10; i++) {
            send("t", i, 10, i * 0.1f);
        }
        driver.advanceWallClockTime(Duration.ofMillis(200)); // flushes the last partial batch
        List<byte[]> out = tags.readValuesToList();
        assertThat(out).hasSize(1);
        TrackTags t = TrackTags.parseFrom(out.get(0));
        assertThat(t.getTrackId()).isEqualTo("t");
        assertThat(t.getSegmentsCount()).isEqualTo(10);
        assertThat(t.getSegmentsScored()).isEqualTo(10);
        double expected = 0;
        for (int i = 0; i < 10; i++) {
            expected += 1 / (1 + Math.exp(-2 * i * 0.1f)) / 10;
        }
        assertThat(t.getScores(1).getTag()).isEqualTo("piano");
        assertThat(t.getScores(1).getScore()).isCloseTo((float) expected, within(1e-6f));
        assertThat(t.getTagsList()).containsExactly("rock", "piano"); // slow's threshold is 0.99
        assertThat(batchSizes).allMatch(b -> b <= 4).contains(4);
    }

    @Test
    void aPartialBatchIsScoredOnceItsOldestSegmentHasWaitedTheMaximumWait() {
        driver.advanceWallClockTime(Duration.ofMillis(90));
        send("w", 0, 10, 0.5f); // arrives 10 ms before a timer of the 100 ms wait would fire
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(batchSizes).isEmpty(); // waited 20 ms
        send("w", 1, 10, 0.5f);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        assertThat(batchSizes).isEmpty(); // the oldest waited 80 ms
        driver.advanceWallClockTime(Duration.ofMillis(30));
        assertThat(batchSizes).containsExactly(2); // 110 ms: both in one call
    }

    @Test
    void segmentsWaitingInThePendingStoreAtAStartAreScoredOnceThere() throws Exception {
        // What a restarted or moved task finds: segments that waited for their batch when the last
        // owner stopped, restored from the changelog into the pending store.
        var context = new org.apache.kafka.streams.processor.api.MockProcessorContext<byte[], byte[]>();
        for (String name : List.of(InferenceTopology.PENDING, InferenceTopology.PROGRESS)) {
            var store = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                    org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name),
                    org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.ByteArray())
                    .withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        var done = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(InferenceTopology.DONE),
                org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.Long())
                .withLoggingDisabled().build();
        done.init(context.getStateStoreContext(), done);
        context.addStateStore(done);
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> pending = context.getStateStore(InferenceTopology.PENDING);
        for (int i = 0; i < 3; i++) {
            pending.put(InferenceTopology.Score.pendingKey("r", i), features("r", i, 10, 1f, "a-123").toByteArray());
        }
        var score = new InferenceTopology.Score(MODEL, ThreadLocal.withInitial(() -> new ThreadBatch(this::score, 4)),
                new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60)));
        context.setCurrentSystemTimeMs(0);
        context.setCurrentStreamTimeMs(0);
        score.init(context);
        for (int i = 3; i < 10; i++) {
            score.process(new org.apache.kafka.streams.processor.api.Record<>("r".getBytes(),
                    features("r", i, 10, 1f, "a-123").toByteArray(), 0L));
        }
        context.setCurrentSystemTimeMs(200);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(200);
        var out = context.forwarded();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).childName()).contains("track-tags");
        TrackTags t = TrackTags.parseFrom(out.get(0).record().value());
        assertThat(t.getSegmentsList()).extracting(s -> s.getSegmentIndex()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10); // none scored twice
        assertThat(batchSizes).allMatch(b -> b <= 4);
        score.close();
    }

    @Test
    void duplicateSegmentsNeverCountTwice() throws Exception {
        for (int i = 0; i < 10; i++) {
            send("d", i, 10, 1f);
            send("d", i, 10, 100f); // a redelivered segment must not replace or add to the first
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        send("d", 3, 10, 100f); // after the track was emitted
        driver.advanceWallClockTime(Duration.ofMillis(200));
        List<byte[]> out = tags.readValuesToList();
        assertThat(out).hasSize(1);
        TrackTags t = TrackTags.parseFrom(out.get(0));
        assertThat(t.getScores(0).getScore()).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
        assertThat(t.getSegmentsList()).extracting(s -> s.getSegmentIndex()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void anIncompleteTrackIsEmittedAfterTheTimeoutWithWhatArrived() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        try {
            incompleteTrack();
            assertThat(meters.get(PipelineMetrics.INCOMPLETE_TRACKS).tag("model", MODEL.name() + ":" + MODEL.version())
                    .counter().count()).isEqualTo(1);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(meters);
        }
    }

    private void incompleteTrack() throws Exception {
        sendAt("inc", 0, 10, 0.5f, T0);
        sendAt("inc", 4, 10, 0.5f, T0.plusSeconds(1));
        driver.advanceWallClockTime(Duration.ofMinutes(30)); // the wall clock does not decide
        sendAt("other", 0, 10, 0.5f, T0.plusSeconds(59));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(tags.isEmpty()).isTrue();
        sendAt("other", 1, 10, 0.5f, T0.plusSeconds(100)); // stream time: 100 s after the first segment
        TrackTags t = TrackTags.parseFrom(tags.readValue());
        assertThat(t.getTrackId()).isEqualTo("inc");
        assertThat(t.getSegmentCount()).isEqualTo(10);
        assertThat(t.getSegmentsScored()).isEqualTo(2);
        assertThat(tags.isEmpty()).as("'other' started 41 s before: not yet").isTrue();
        sendAt("inc", 5, 10, 0.5f, T0.plusSeconds(101)); // late: dropped
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(tags.isEmpty()).isTrue();
    }

    @Test
    void withoutNewRecordsTheWallClockFallbackEmitsAfterItsLongerWait() throws Exception {
        driver.close();
        start(new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofMinutes(10),
                InferenceTopology.Options.DEFAULT_DONE_RETENTION, false), true);
        sendAt("idle", 0, 10, 0.5f, T0);
        sendAt("idle", 1, 10, 0.5f, T0);
        driver.advanceWallClockTime(Duration.ofMinutes(9));
        assertThat(tags.isEmpty()).as("no record for 9 minutes: still waiting").isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        TrackTags t = TrackTags.parseFrom(tags.readValue());
        assertThat(t.getSegmentsScored()).isEqualTo(2);
    }

    void sendAt(String track, int index, int count, float rms0, java.time.Instant at) {
        in.pipeInput(track.getBytes(StandardCharsets.UTF_8), features(track, index, count, rms0, "a-123").toByteArray(), at);
    }

    static final java.time.Instant T0 = java.time.Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aBacklogProcessedLongAfterItWasWrittenStillGivesCompleteTracks() throws Exception {
        // An inference outage (or a consumer catching up) longer than the 60 s timeout: the
        // segments were written within 9 s of each other and are processed 10 minutes later,
        // 100 ms of wall clock apart.
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) {
            sendAt("backlog", i, 10, 1f, T0.plusSeconds(i));
            driver.advanceWallClockTime(Duration.ofMillis(100));
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        List<byte[]> out = tags.readValuesToList();
        assertThat(out).hasSize(1);
        TrackTags t = TrackTags.parseFrom(out.get(0));
        assertThat(t.getSegmentsScored()).isEqualTo(10);
        assertThat(t.getSegmentCount()).isEqualTo(10);
    }

    @Test
    void doneEntriesArePrunedAfterTheRetentionOfStreamTime() {
        for (int i = 0; i < 2; i++) {
            sendAt("old", i, 2, 1f, T0);
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        sendAt("recent", 0, 1, 1f, T0.plus(Duration.ofDays(6)));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        var done = driver.<String, Long>getKeyValueStore(InferenceTopology.DONE);
        assertThat(done.get("old")).isNotNull();
        assertThat(done.get("recent")).isNotNull();
        sendAt("newest", 0, 1, 1f, T0.plus(Duration.ofDays(8)));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        sendAt("newest", 0, 1, 1f, T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(2))); // a duplicate; stream time moves on
        assertThat(done.get("old")).as("older than 7 days of stream time").isNull();
        assertThat(done.get("recent")).isNotNull();
        assertThat(done.get("newest")).isNotNull();
        assertThat(tags.readValuesToList()).hasSize(3);
    }

    @Test
    void badRecordsGoToTheDeadLetterQueue() throws Exception {
        in.pipeInput("x".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xff, 0x01});
        in.pipeInput("y".getBytes(StandardCharsets.UTF_8), features("y", 0, 10, 1f, "b-999").toByteArray());
        SegmentFeatures wrongShape = features("z", 0, 10, 1f, "a-123").toBuilder()
                .setFeatures(1, FeatureMatrix.newBuilder().setName("mfcc").setRows(13).setFrames(1).addValues(1)).build();
        in.pipeInput("z".getBytes(StandardCharsets.UTF_8), wrongShape.toByteArray());
        List<byte[]> dead = dlq.readValuesToList();
        assertThat(dead).hasSize(3);
        assertThat(DeadLetter.parseFrom(dead.get(0)).getReason()).contains("corrupt protobuf");
        assertThat(DeadLetter.parseFrom(dead.get(1)).getReason()).contains("b-999").contains("a-123");
        assertThat(DeadLetter.parseFrom(dead.get(2)).getReason()).contains("mfcc");
        for (int i = 0; i < 10; i++) {
            send("ok", i, 10, 1f);
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        assertThat(tags.readValuesToList()).hasSize(1);
    }

    @Test
    void aRetagSkipsFeaturesOfOtherSettingsWithoutDeadLetters() throws Exception {
        driver.close();
        start(new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60), true), false);
        in.pipeInput("y".getBytes(StandardCharsets.UTF_8), features("y", 0, 1, 1f, "b-999").toByteArray());
        in.pipeInput("x".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xff, 0x01});
        send("ok", 0, 1, 1f);
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(tags.readKeyValuesToList()).extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly(Topics.trackTagsKey("ok", "m", "1"));
        List<byte[]> dead = dlq.readValuesToList();
        assertThat(dead).hasSize(1); // the corrupt record still is bad input
        assertThat(DeadLetter.parseFrom(dead.get(0)).getReason()).contains("corrupt protobuf");
    }

    @Test
    void theLatestTagsOfATrackCanBeQueried() throws Exception {
        for (int i = 0; i < 10; i++) {
            send("q", i, 10, 1f);
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        var store = driver.<String, byte[]>getKeyValueStore(InferenceTopology.LATEST);
        // The global store reads track-tags; the test driver feeds its own output back to it.
        String key = Topics.trackTagsKey("q", "m", "1");
        assertThat(TrackTags.parseFrom(store.get(key)).getTrackId()).isEqualTo("q");
        assertThat(store.get("unknown")).isNull();
    }

    @Test
    void tagsAreKeyedByTrackAndModelVersionAndPartitionedByTrack() {
        for (int i = 0; i < 10; i++) {
            send("k", i, 10, 1f);
        }
        driver.advanceWallClockTime(Duration.ofMillis(200));
        var out = tags.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(new String(out.get(0).key, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("k@m:1");
        byte[] tagsKey = "some/track:1@m:2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int expected = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                "some/track:1".getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 7;
        assertThat(InferenceTopology.byTrackId("track-tags", tagsKey, null, 7)).contains(java.util.Set.of(expected));
    }
}
