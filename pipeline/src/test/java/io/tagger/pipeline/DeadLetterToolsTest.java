package io.tagger.pipeline;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagger.features.Architectures;
import io.tagger.features.FeatureSettings;
import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #20's dead-letter tool on a real broker: bad records on {@code audio-in} are dead-lettered
 * by the real feature topology (the services' exactly-once settings and handlers), then read
 * ({@link DeadLetterReader}: scan, recent, at), counted by the service's Micrometer counter, and
 * replayed ({@link DeadLetterReplay}): the replayed record is on its topic and partition with the
 * original's key and value bytes; a truncated one is refused; a dry run sends nothing.
 */
class DeadLetterToolsTest {
    @TempDir
    Path state;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void meters() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void noMeters() {
        Metrics.removeRegistry(meters);
    }

    record Sent(String key, byte[] value, int partition, long offset) {
    }

    static Sent send(KafkaProducer<String, byte[]> p, String topic, Integer partition, String key, byte[] value) throws Exception {
        RecordMetadata m = p.send(new ProducerRecord<>(topic, partition, key, value)).get();
        return new Sent(key, value, m.partition(), m.offset());
    }

    static ConsumerRecord<String, byte[]> recordAt(InProcessKafka kafka, String topic, int partition, long offset) {
        return kafka.readCommitted(topic, Integer.MAX_VALUE, Duration.ofSeconds(10)).stream()
                .filter(r -> r.partition() == partition && r.offset() == offset).findFirst()
                .orElseThrow(() -> new AssertionError("nothing at " + topic + "-" + partition + "@" + offset));
    }

    double deadLetterCount(String reason) {
        var c = meters.find(PipelineMetrics.DEAD_LETTERS).tags("stage", "features", "reason", reason, "source_topic", "audio-in")
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void deadLettersAreListedCountedShownAndReplayedAsTheOriginals() throws Exception {
        FeatureSettings a = Architectures.named("a");
        try (InProcessKafka kafka = InProcessKafka.start()) {
            kafka.createTopics(Map.of(Topics.AUDIO_IN, 2, Topics.SEGMENT_FEATURES, 1, Topics.TRACK_TAGS, 1, Topics.DLQ, 2),
                    Map.of(Topics.AUDIO_IN, Map.of("max.message.bytes", "4194304"),
                            Topics.DLQ, Map.of("max.message.bytes", "4194304")));
            Map<String, Sent> sent = new HashMap<>();
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024), new StringSerializer(),
                    new ByteArraySerializer())) {
                sent.put("garbage", send(p, Topics.AUDIO_IN, 1, "garbage", PoisonRecordsTest.garbage(100, 1)));
                sent.put("slow", send(p, Topics.AUDIO_IN, 0, "slow",
                        FeatureTopologyTest.segment("slow", 0, 8000, a.segmentSamples()).toByteArray()));
                sent.put("huge", send(p, Topics.AUDIO_IN, 0, "huge", PoisonRecordsTest.garbage(3 * 1024 * 1024, 2)));
                sent.put("good", send(p, Topics.AUDIO_IN, 1, "good",
                        FeatureTopologyTest.segment("good", 0, 16000, a.segmentSamples()).toByteArray()));
            }
            PoisonRecordsTest poison = new PoisonRecordsTest();
            poison.state = state;
            int died = poison.run(FeatureTopology.build(a), poison.config(kafka, "dlq-tools", FeatureTopology.STAGE,
                    2 * 1024 * 1024), () -> !kafka.readCommitted(Topics.SEGMENT_FEATURES, 1, Duration.ofMillis(500)).isEmpty()
                    && kafka.readCommitted(Topics.DLQ, 3, Duration.ofMillis(500)).size() == 3);
            assertThat(died).isZero();

            // The service's counter (what /q/metrics shows), by reason kind and source topic.
            assertThat(deadLetterCount("corrupt-protobuf")).isEqualTo(2); // garbage, huge
            assertThat(deadLetterCount("wrong-sample-rate")).isEqualTo(1);

            Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            DeadLetterReader reader = new DeadLetterReader(client);
            Map<String, DeadLetterReader.Entry> all = new HashMap<>();
            assertThat(reader.scan(DeadLetterReader.Range.ALL, e -> all.put(e.letter().getOriginalKey().toStringUtf8(), e)))
                    .as("unreadable").isZero();
            assertThat(all).containsOnlyKeys("garbage", "slow", "huge");
            assertThat(all.get("garbage").kind()).isEqualTo("corrupt-protobuf");
            assertThat(all.get("slow").kind()).isEqualTo("wrong-sample-rate");
            assertThat(all.get("huge").kind()).isEqualTo("corrupt-protobuf");
            assertThat(all.get("huge").truncated()).isTrue();
            assertThat(all.get("slow").letter().getSourcePartition()).isEqualTo(sent.get("slow").partition());
            assertThat(all.get("slow").letter().getSourceOffset()).isEqualTo(sent.get("slow").offset());

            // recent: the newest first-n, oldest first; with a filter; one by its position.
            List<DeadLetterReader.Entry> recent = reader.recent(2, DeadLetterReader.Range.ALL, DeadLetterReader.ALL);
            assertThat(recent).hasSize(2);
            assertThat(reader.recent(10, DeadLetterReader.Range.ALL, DeadLetterReader.ALL)).hasSize(3);
            assertThat(reader.recent(10, DeadLetterReader.Range.ALL, e -> e.kind().equals("wrong-sample-rate")))
                    .extracting(DeadLetterReader.Entry::position).containsExactly(all.get("slow").position());
            DeadLetterReader.Entry slow = all.get("slow");
            assertThat(reader.at(slow.partition(), slow.offset())).hasValueSatisfying(e ->
                    assertThat(e.letter()).isEqualTo(slow.letter()));
            assertThat(reader.at(slow.partition(), 1_000)).isEmpty();
            assertThat(DeadLetterReader.summariseOriginal(slow.letter())).contains("AudioSegment", "'slow'", "8000 Hz");
            assertThat(DeadLetterReader.summariseOriginal(all.get("huge").letter())).contains("truncated");

            // A dry run says what it would send and sends nothing; the truncated one is refused.
            DeadLetterReplay replay = new DeadLetterReplay(client);
            DeadLetterReplay.Result dry = replay.replay(new DeadLetterReplay.Selection(DeadLetterReader.Range.ALL, null, null), true);
            assertThat(dry.replayable()).extracting(o -> o.entry().letter().getOriginalKey().toStringUtf8())
                    .containsExactlyInAnyOrder("garbage", "slow");
            assertThat(dry.refused()).singleElement().satisfies(o -> {
                assertThat(o.entry().letter().getOriginalKey().toStringUtf8()).isEqualTo("huge");
                assertThat(o.refused()).contains("truncated");
            });
            assertThat(dry.sent()).isZero();
            assertThat(kafka.readCommitted(Topics.AUDIO_IN, Integer.MAX_VALUE, Duration.ofSeconds(10))).hasSize(4);

            // By reason kind: the replayed record is the original, on its partition.
            DeadLetterReplay.Result byReason = replay.replay(
                    new DeadLetterReplay.Selection(DeadLetterReader.Range.ALL, "wrong-sample-rate", null), false);
            assertThat(byReason.sent()).isEqualTo(1);
            DeadLetterReplay.Outcome o = byReason.outcomes().get(0);
            assertThat(o.partition()).isEqualTo(sent.get("slow").partition());
            ConsumerRecord<String, byte[]> again = recordAt(kafka, Topics.AUDIO_IN, o.partition(), o.offset());
            assertThat(again.key()).isEqualTo("slow");
            assertThat(again.value()).isEqualTo(sent.get("slow").value());

            // By position on tagging-dlq (an offset range on one partition).
            DeadLetterReader.Entry garbage = all.get("garbage");
            DeadLetterReplay.Result byRange = replay.replay(new DeadLetterReplay.Selection(
                    new DeadLetterReader.Range(garbage.partition(), garbage.offset(), garbage.offset()), null, null), false);
            assertThat(byRange.sent()).isEqualTo(1);
            DeadLetterReplay.Outcome g = byRange.outcomes().get(0);
            assertThat(g.partition()).isEqualTo(1);
            ConsumerRecord<String, byte[]> garbageAgain = recordAt(kafka, Topics.AUDIO_IN, g.partition(), g.offset());
            assertThat(garbageAgain.key()).isEqualTo("garbage");
            assertThat(garbageAgain.value()).isEqualTo(sent.get("garbage").value());

            // The truncated one is never sent, even when asked for by name.
            DeadLetterReplay.Result huge = replay.replay(new DeadLetterReplay.Selection(DeadLetterReader.Range.ALL, "truncated", null), false);
            assertThat(huge.sent()).isZero();
            assertThat(huge.refused()).hasSize(1);
            assertThat(kafka.readCommitted(Topics.AUDIO_IN, Integer.MAX_VALUE, Duration.ofSeconds(10))).hasSize(6);

            assertThatThrownBy(() -> new DeadLetterReader.Range(null, 0L, 5L)).hasMessageContaining("partition");
            assertThatThrownBy(() -> reader.scan(new DeadLetterReader.Range(7, null, null), e -> { }))
                    .hasMessageContaining("no partition 7");
        }
    }
}
