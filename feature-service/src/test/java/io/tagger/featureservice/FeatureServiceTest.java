package io.tagger.featureservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.pipeline.FeatureMessages;
import io.tagger.pipeline.StreamThreadRecovery;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.SegmentFeatures;
import io.tagger.testing.KafkaResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The feature service against a real (in-process) Kafka broker, exactly-once on. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class FeatureServiceTest {
    @Inject
    StreamsUncaughtExceptionHandler threadHandler;

    static AudioSegment segment(String track, int index, int samples) {
        AudioSegment.Builder b = AudioSegment.newBuilder().setTrackId(track).setSegmentIndex(index).setSegmentCount(2)
                .setSampleRate(16000).setSource("test");
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return FeatureMessages.setPcm(b, x, 0, samples, samples, new byte[samples * Short.BYTES]).build();
    }


    static List<ConsumerRecord<String, byte[]>> consume(String topic, int n) {
        return KafkaResource.kafka().readCommitted(topic, n, Duration.ofSeconds(60));
    }

    @Test
    void segmentsInFeaturesOutBadRecordsToTheDlq() throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.AUDIO_IN, "t1", segment("t1", 0, 46560).toByteArray()));
            p.send(new ProducerRecord<>(Topics.AUDIO_IN, "bad", "not protobuf at all".getBytes()));
            p.send(new ProducerRecord<>(Topics.AUDIO_IN, "t1", segment("t1", 1, 46560).toByteArray()));
        }
        List<ConsumerRecord<String, byte[]>> features = consume(Topics.SEGMENT_FEATURES, 2);
        assertThat(features).hasSize(2);
        for (var r : features) {
            SegmentFeatures f = SegmentFeatures.parseFrom(r.value());
            assertThat(r.key()).isEqualTo("t1");
            assertThat(f.getFeaturesCount()).isEqualTo(13);
            assertThat(f.getFeatureSettingsId()).startsWith("a-");
        }
        List<ConsumerRecord<String, byte[]>> dead = consume(Topics.DLQ, 1);
        assertThat(dead).hasSize(1);
        assertThat(DeadLetter.parseFrom(dead.get(0).value()).getReason()).contains("corrupt protobuf");
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream"));
        // Issues #20/#21: the dead letter is counted by reason kind and source topic, and every metric
        // the alerts and the dashboard use is exported (consumer lag, stream threads, replacements).
        String scrape = assertListedMetricsAreExported("feature-service");
        assertThat(scrape).containsPattern("tagger_dead_letters_total\\{[^}]*reason=\"corrupt-protobuf\"[^}]*source_topic=\"audio-in\""
                + "[^}]*stage=\"features\"[^}]*} 1\\.0");
        assertThat(scrape).containsPattern("(?m)^tagger_stream_thread_replacements_total(\\{[^}]*})? 0\\.0");
    }

    /** Every metric the monitoring lists for {@code service} is in its /q/metrics. */
    static String assertListedMetricsAreExported(String service) throws java.io.IOException {
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(io.tagger.testing.MonitoredMetrics.listed(service)).hasSizeGreaterThan(5);
        assertThat(io.tagger.testing.MonitoredMetrics.missing(service, scrape)).as(service + "'s /q/metrics lacks").isEmpty();
        return scrape;
    }

    @Test
    void aDeadStreamThreadIsReplaced() {
        assertThat(threadHandler).isInstanceOf(StreamThreadRecovery.class);
    }
}
