package io.tagger.pipeline;

import io.tagger.features.Architectures;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #20: malformed records on each input topic of each topology, on a real broker with the
 * services' exactly-once settings. None may kill a stream thread (before the fix a record whose
 * dead letter was larger than the producer's request limit did, again after every replacement,
 * until the client shut down); each bad record leaves a {@code tagging-dlq} record with a reason,
 * and a good record behind them still gets through.
 */
class PoisonRecordsTest {
    @TempDir
    Path state;

    static byte[] garbage(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The services' Streams settings (application.properties), with dead-letter handling. */
    Properties config(InProcessKafka kafka, String appId, String stage, Integer maxRequestSize) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.resolve(appId).toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (maxRequestSize != null) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxRequestSize);
        }
        DeadLetterHandlers.configure(p, stage);
        return p;
    }

    /** Runs the topology over what is on its input until {@code done} holds; returns the stream threads that died. */
    int run(Topology topology, Properties config, java.util.function.BooleanSupplier done) throws Exception {
        AtomicInteger died = new AtomicInteger();
        StreamThreadRecovery recovery = new StreamThreadRecovery();
        try (KafkaStreams streams = new KafkaStreams(topology, config)) {
            streams.setUncaughtExceptionHandler(e -> {
                died.incrementAndGet();
                return recovery.handle(e);
            });
            streams.start();
            long deadline = System.currentTimeMillis() + 90_000;
            while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            assertThat(done.getAsBoolean()).as("the good record got through").isTrue();
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
        return died.get();
    }

    static void produce(InProcessKafka kafka, String topic, Map<String, byte[]> records) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024), new StringSerializer(),
                new ByteArraySerializer())) {
            for (var e : records.entrySet()) {
                p.send(new ProducerRecord<>(topic, e.getKey(), e.getValue())).get();
            }
        }
    }

    static Map<String, DeadLetter> deadLetters(InProcessKafka kafka, int n) throws Exception {
        Map<String, DeadLetter> out = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : kafka.readCommitted(Topics.DLQ, n, Duration.ofSeconds(30))) {
            DeadLetter d = DeadLetter.parseFrom(r.value());
            out.put(d.getOriginalKey().toStringUtf8(), d);
        }
        return out;
    }

    static InProcessKafka broker() throws Exception {
        InProcessKafka kafka = InProcessKafka.start();
        kafka.createTopics(Map.of(Topics.AUDIO_IN, 1, Topics.SEGMENT_FEATURES, 1, Topics.TRACK_TAGS, 1, Topics.DLQ, 1),
                Map.of(Topics.AUDIO_IN, Map.of("max.message.bytes", "4194304"),
                        Topics.SEGMENT_FEATURES, Map.of("max.message.bytes", "4194304"),
                        Topics.DLQ, Map.of("max.message.bytes", "4194304")));
        return kafka;
    }

    @Test
    void theFeatureTopologyDeadLettersEveryBadRecordOnAudioIn() throws Exception {
        FeatureSettings a = Architectures.named("a");
        try (InProcessKafka kafka = broker()) {
            Map<String, byte[]> in = new LinkedHashMap<>();
            in.put("garbage", garbage(100, 1));
            in.put("empty", new byte[0]);
            in.put("huge", garbage(3 * 1024 * 1024, 2)); // its dead letter is over the producer's 2 MiB
            in.put("good", FeatureTopologyTest.segment("good", 0, 16000, a.segmentSamples()).toByteArray());
            produce(kafka, Topics.AUDIO_IN, in);
            int died = run(FeatureTopology.build(a), config(kafka, "poison-features", FeatureTopology.STAGE, 2 * 1024 * 1024),
                    () -> !kafka.readCommitted(Topics.SEGMENT_FEATURES, 1, Duration.ofMillis(500)).isEmpty());
            assertThat(died).as("stream threads that died").isZero();
            Map<String, DeadLetter> dead = deadLetters(kafka, 3);
            assertThat(dead).containsKeys("garbage", "empty", "huge");
            assertThat(dead.get("garbage").getReason()).contains("not an AudioSegment");
            assertThat(dead.get("huge").getReason()).contains("truncated");
            assertThat(dead.get("huge").getOriginalValueSize()).isGreaterThan(DeadLetters.MAX_ORIGINAL_BYTES);
            assertThat(dead.values()).allSatisfy(d -> assertThat(d.getStage()).isEqualTo(FeatureTopology.STAGE));
        }
    }

    @Test
    void theInferenceTopologyDeadLettersEveryBadRecordOnSegmentFeatures() throws Exception {
        try (InProcessKafka kafka = broker()) {
            Map<String, byte[]> in = new LinkedHashMap<>();
            in.put("garbage", garbage(100, 3));
            in.put("huge", garbage(3 * 1024 * 1024 / 2, 4)); // its dead letter is over the producer's default 1 MiB
            in.put("good", InferenceTopologyTest.features("good", 0, 1, 0.5f, "a-123").toByteArray());
            produce(kafka, Topics.SEGMENT_FEATURES, in);
            SegmentScorer scorer = batch -> {
                float[][] out = new float[batch.size()][InferenceTopologyTest.TAGS.size()];
                return out;
            };
            Topology t = InferenceTopology.build(InferenceTopologyTest.MODEL, scorer,
                    new InferenceTopology.Options(4, Duration.ofMillis(100), Duration.ofSeconds(60)), false);
            int died = run(t, config(kafka, "poison-inference", InferenceTopology.STAGE, null),
                    () -> !kafka.readCommitted(Topics.TRACK_TAGS, 1, Duration.ofMillis(500)).isEmpty());
            assertThat(died).as("stream threads that died").isZero();
            Map<String, DeadLetter> dead = deadLetters(kafka, 2);
            assertThat(dead).containsKeys("garbage", "huge");
            assertThat(dead.get("huge").getReason()).contains("truncated");
            assertThat(dead.get("huge").getOriginalValueSize()).isGreaterThan(DeadLetters.MAX_ORIGINAL_BYTES);
        }
    }

    @Test
    void theAudioReplaySkipsBadRecordsOnAudioIn() throws Exception {
        FeatureSettings a = Architectures.named("a");
        ServedModel model = new ServedModel("m", "1", InferenceTopologyTest.TAGS, new float[]{0.5f, 0.5f, 0.99f}, a.id(), 10,
                a.keys(), rows(a), frames(a));
        try (InProcessKafka kafka = broker()) {
            Map<String, byte[]> in = new LinkedHashMap<>();
            in.put("garbage", garbage(100, 5));
            in.put("huge", garbage(3 * 1024 * 1024, 6));
            in.put("good", FeatureTopologyTest.segment("good", 0, 16000, a.segmentSamples()).toBuilder().setSegmentCount(1).build()
                    .toByteArray());
            produce(kafka, Topics.AUDIO_IN, in);
            LongAdder skipped = new LongAdder();
            SegmentScorer scorer = batch -> new float[batch.size()][InferenceTopologyTest.TAGS.size()];
            Topology t = AudioReplayTopology.build(model, scorer, new InferenceTopology.Options(4, Duration.ofMillis(100),
                    Duration.ofSeconds(60)), a, Set.of("garbage", "huge", "good"), skipped);
            int died = run(t, config(kafka, "poison-replay", AudioReplayTopology.STAGE, null),
                    () -> !kafka.readCommitted(Topics.TRACK_TAGS, 1, Duration.ofMillis(500)).isEmpty());
            assertThat(died).as("stream threads that died").isZero();
            assertThat(skipped.sum()).isEqualTo(2);
        }
    }

    static int[] rows(FeatureSettings s) {
        return shape(s, true);
    }

    static int[] frames(FeatureSettings s) {
        return shape(s, false);
    }

    private static int[] shape(FeatureSettings s, boolean rows) {
        var f = new io.tagger.features.FeatureExtractor(s).extract(new double[s.segmentSamples()], s.sampleRate());
        List<Integer> out = new ArrayList<>();
        for (String k : s.keys()) {
            out.add(rows ? f.get(k).rows() : f.get(k).frames());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
