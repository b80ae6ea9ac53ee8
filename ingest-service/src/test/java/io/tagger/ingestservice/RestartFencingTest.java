package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.pipeline.Topics;
import io.tagger.testing.InProcessKafka;
import io.tagger.testing.TestApiKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #20: an ingest instance died mid-transaction (here: a producer with its transactional id
 * left a transaction open, with a 2-minute timeout) and starts again with the same instance id.
 * Its transactional id is the same as before, so starting fences and aborts the dead transaction,
 * and read-committed readers see the new uploads at once instead of after the timeout (before the
 * fix the id had a random suffix, and readers stalled until the dead transaction timed out).
 */
@QuarkusTest
@TestProfile(RestartFencingTest.Restarted.class)
class RestartFencingTest {
    static InProcessKafka kafka;
    static KafkaProducer<String, byte[]> dead;

    public static class Restarted implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokerWithDeadTransaction.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class BrokerWithDeadTransaction implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                kafka = InProcessKafka.start();
                kafka.createTopics(Map.of(Topics.AUDIO_IN, 1, Topics.TRACK_TAGS, 1, Topics.TRACK_IDS, 1, Topics.DLQ, 1), Map.of());
                dead = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tagger-ingest-pod-7",
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000), new StringSerializer(), new ByteArraySerializer());
                dead.initTransactions();
                dead.beginTransaction();
                dead.send(new ProducerRecord<>(Topics.AUDIO_IN, "left-open", new byte[]{1})).get();
                // the previous run of instance pod-7 "dies" here: no commit, no abort
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "tagger.access.keys-file", TestApiKeys.file().toString(),
                    "tagger.ingest.instance-id", "pod-7");
        }

        @Override
        public void stop() {
            try {
                dead.close(Duration.ZERO);
                kafka.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aRestartedInstanceAbortsItsDeadTransactionSoReadersDoNotStall() throws Exception {
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", IngestServiceTest.wav(1)).multiPart("id", "after-restart")
                .when().post("/tracks").then().statusCode(202);
        List<ConsumerRecord<String, byte[]>> recs = kafka.readCommitted(Topics.AUDIO_IN, 1, Duration.ofSeconds(20));
        assertThat(recs).extracting(ConsumerRecord::key).containsExactly("after-restart");
    }
}
