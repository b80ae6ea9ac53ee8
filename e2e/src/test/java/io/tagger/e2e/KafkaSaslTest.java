package io.tagger.e2e;

import io.tagger.audio.Segmenter;
import io.tagger.pipeline.KafkaClientSecurity;
import io.tagger.pipeline.Topics;
import io.tagger.producer.TrackPublisher;
import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka security settings against a real broker that demands SASL: the same
 * {@code TAGGER_KAFKA_*} variables every service and the CLI read let a transactional publisher
 * and a read-committed consumer in; a wrong password is refused. (The in-process test broker
 * offers SASL PLAIN; SCRAM and TLS go through the same settings, see KafkaClientSecurityTest.)
 */
class KafkaSaslTest {
    static InProcessKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.startWithSasl();
        try (Admin admin = Admin.create(client("plain-admin-secret"))) {
            admin.createTopics(List.of(new NewTopic(Topics.AUDIO_IN, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    static Map<String, Object> client(String password) {
        Map<String, Object> c = new HashMap<>(KafkaClientSecurity.fromEnvironment(Map.of("TAGGER_KAFKA_SECURITY_PROTOCOL",
                "SASL_PLAINTEXT", "TAGGER_KAFKA_SASL_MECHANISM", "PLAIN", "TAGGER_KAFKA_SASL_USERNAME", "plain-admin",
                "TAGGER_KAFKA_SASL_PASSWORD", password)));
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return c;
    }

    @Test
    void theServicesSettingsAuthenticateAndAWrongPasswordIsRefused() throws Exception {
        Map<String, Object> producer = client("plain-admin-secret");
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sasl-test-" + UUID.randomUUID());
        try (TrackPublisher p = new TrackPublisher(producer, new Segmenter(46560, 10), 16000)) {
            p.publish("sasl-track", "test", new float[46560]);
        }
        Map<String, Object> consumer = client("plain-admin-secret");
        consumer.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "sasl-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        int read = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.AUDIO_IN));
            long deadline = System.currentTimeMillis() + 30_000;
            while (read == 0 && System.currentTimeMillis() < deadline) {
                read += c.poll(Duration.ofMillis(200)).count();
            }
        }
        assertThat(read).isEqualTo(1);

        Map<String, Object> wrong = client("not-the-password");
        wrong.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sasl-test-" + UUID.randomUUID());
        wrong.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        assertThatThrownBy(() -> new TrackPublisher(wrong, new Segmenter(46560, 10), 16000))
                .hasMessageContaining("Authentication failed");
    }
}
