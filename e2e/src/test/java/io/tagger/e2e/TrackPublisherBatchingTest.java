package io.tagger.e2e;

import io.tagger.audio.Segmenter;
import io.tagger.pipeline.Topics;
import io.tagger.producer.TrackPublisher;
import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A track's segments go to the broker in few produce requests (a request per segment cost the
 * local broker ~1.3 ms of CPU per track more), and still fit a topic with Kafka's default
 * message size limit (1 MB): one batch never holds more than that.
 */
class TrackPublisherBatchingTest {
    static final int SEGMENT = 46560; // samples: ~93 KB of 16-bit PCM, as the served models cut them
    static InProcessKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        kafka.createTopics(Map.of(Topics.AUDIO_IN, 1), Map.of(Topics.AUDIO_IN, Map.of("max.message.bytes", "1048588")));
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void aTracksSegmentsShareProduceRequestsAndFitKafkasDefaultMessageSize() {
        float[] track = new float[SEGMENT * 10];
        for (int i = 0; i < track.length; i++) {
            track[i] = (float) Math.sin(i * 0.01);
        }
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "batching-test-" + UUID.randomUUID());
        try (TrackPublisher p = new TrackPublisher(producer, new Segmenter(SEGMENT, 10), 16000)) {
            assertThat(p.publish("batched-track", "test", track).segments()).isEqualTo(10);
            assertThat(metric(p, "record-send-total")).isEqualTo(10);
            assertThat(metric(p, "record-error-total")).isZero();
            assertThat(metric(p, "records-per-request-avg")).isGreaterThanOrEqualTo(5);
            assertThat(metric(p, "batch-size-max")).isLessThanOrEqualTo(1048588);
        }
        assertThat(kafka.readCommitted(Topics.AUDIO_IN, 10, Duration.ofSeconds(30))).hasSize(10);
    }

    static double metric(TrackPublisher p, String name) {
        return p.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new AssertionError("no producer metric " + name));
    }
}
