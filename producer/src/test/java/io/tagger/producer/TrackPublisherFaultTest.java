package io.tagger.producer;

import io.tagger.audio.Segmenter;
import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TrackPublisher} on a real broker that stalls, fences it or dies mid-transaction (issue
 * #20): Kafka's transactional producer rules are kept (a timed-out commit is never followed by an
 * abort; a fenced or broken producer is rebuilt) and the publisher keeps working afterwards.
 */
class TrackPublisherFaultTest {
    static final Segmenter SEGMENTER = new Segmenter(1600, 2);

    static float[] tone() {
        float[] x = new float[3200];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return x;
    }

    static Map<String, Object> config(InProcessKafka kafka, String transactionalId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // A commit that gets no answer gives up after 3 s instead of 60.
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return c;
    }

    static Set<String> keys(InProcessKafka kafka, int atLeast) {
        return kafka.readCommitted(AudioSegments.TOPIC, atLeast, Duration.ofSeconds(15)).stream().map(ConsumerRecord::key)
                .collect(Collectors.toSet());
    }

    /** Publishes, retrying for up to {@code within} while the publisher recovers. */
    static void publishWithin(TrackPublisher p, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                p.publish(id, "test", tone());
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the publisher did not recover within " + within, e);
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * The stall: the broker stops answering while a track's commit waits, the commit times
     * out; once the broker answers again, publishing works again (before the fix every later call
     * failed: "Cannot attempt operation beginTransaction because the previous call to
     * commitTransaction timed out and must be retried").
     */
    @Test
    void aCommitThatTimesOutInAStallDoesNotBreakThePublisher() throws Exception {
        try (InProcessKafka kafka = InProcessKafka.startStallable()) {
            kafka.createTopics(Map.of(AudioSegments.TOPIC, 1), Map.of());
            try (TrackPublisher p = new TrackPublisher(config(kafka, "stall-test"), SEGMENTER, 16000)) {
                p.publish("before", "test", tone());
                kafka.stall();
                assertThatThrownBy(() -> p.publish("during", "test", tone())).isInstanceOf(RuntimeException.class);
                kafka.resume();
                publishWithin(p, "after-1", Duration.ofSeconds(30));
                p.publish("after-2", "test", tone()); // at once, no more recovery needed
            }
            List<ConsumerRecord<String, byte[]>> recs = kafka.readCommitted(AudioSegments.TOPIC, 6, Duration.ofSeconds(15));
            Map<String, Long> perTrack = recs.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(perTrack).containsEntry("before", 2L).containsEntry("after-1", 2L).containsEntry("after-2", 2L);
            // The stalled track is all there or not at all.
            assertThat(perTrack.getOrDefault("during", 0L)).isIn(0L, 2L);
        }
    }

    /** Another producer takes the transactional id (fences this one): the publisher builds a new producer. */
    @Test
    void aFencedPublisherIsRebuilt() throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start()) {
            kafka.createTopics(Map.of(AudioSegments.TOPIC, 1), Map.of());
            try (TrackPublisher p = new TrackPublisher(config(kafka, "fence-test"), SEGMENTER, 16000)) {
                p.publish("first", "test", tone());
                try (KafkaProducer<String, byte[]> other = new KafkaProducer<>(config(kafka, "fence-test"),
                        new StringSerializer(), new ByteArraySerializer())) {
                    other.initTransactions(); // fences p's producer
                }
                assertThatThrownBy(() -> p.publish("fenced", "test", tone())).isInstanceOf(RuntimeException.class);
                p.publish("second", "test", tone());
            }
            assertThat(keys(kafka, 4)).contains("first", "second").doesNotContain("fenced");
        }
    }

    /**
     * A publisher that died mid-transaction and restarts with the same transactional id aborts the
     * dead transaction at once: read-committed readers see the new tracks without waiting for the
     * dead transaction's timeout (2 minutes here).
     */
    @Test
    void aRestartedPublisherWithTheSameIdUnblocksReaders() throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start()) {
            kafka.createTopics(Map.of(AudioSegments.TOPIC, 1), Map.of());
            Map<String, Object> deadConfig = config(kafka, "restart-test");
            deadConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000);
            KafkaProducer<String, byte[]> dead = new KafkaProducer<>(deadConfig, new StringSerializer(), new ByteArraySerializer());
            try {
                dead.initTransactions();
                dead.beginTransaction();
                dead.send(new ProducerRecord<>(AudioSegments.TOPIC, "dead", new byte[]{1})).get();
                // the process "dies" here: no commit, no abort
                long start = System.nanoTime();
                Map<String, Object> restartConfig = config(kafka, "restart-test");
                restartConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000); // aborting the dead transaction takes a moment
                try (TrackPublisher restarted = new TrackPublisher(restartConfig, SEGMENTER, 16000)) {
                    restarted.publish("fresh", "test", tone());
                }
                List<ConsumerRecord<String, byte[]>> recs = kafka.readCommitted(AudioSegments.TOPIC, 2, Duration.ofSeconds(20));
                assertThat(recs).extracting(ConsumerRecord::key).containsExactly("fresh", "fresh");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            } finally {
                dead.close(Duration.ZERO);
            }
        }
    }
}
