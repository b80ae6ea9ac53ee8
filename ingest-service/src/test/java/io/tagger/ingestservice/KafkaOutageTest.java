package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.pipeline.Topics;
import io.tagger.testing.InProcessKafka;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #20: the broker stalls (as with {@code kill -STOP}) while an upload's commit waits. The
 * upload is answered 503 (Kafka did not confirm it), readiness goes DOWN while the broker does not
 * answer and UP once it does, and uploads work again afterwards (before the fix: every later
 * upload was a 500, "Cannot attempt operation beginTransaction ...", and readiness had no checks).
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.Stallable.class)
class KafkaOutageTest {
    static InProcessKafka kafka;

    public static class Stallable implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StallableKafka.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class StallableKafka implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                kafka = InProcessKafka.startStallable();
                kafka.createTopics(Map.of(Topics.AUDIO_IN, 1, Topics.TRACK_TAGS, 1, Topics.TRACK_IDS, 1, Topics.DLQ, 1), Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "tagger.access.keys-file", TestApiKeys.file().toString(),
                    // a commit without an answer gives up after 3 s (default 60 s)
                    "tagger.ingest.kafka-timeout", "PT3S");
        }

        @Override
        public void stop() {
            try {
                kafka.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static int upload(File f) {
        return given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", f).when().post("/tracks").then().extract().statusCode();
    }

    static int ready() {
        return given().when().get("/q/health/ready").then().extract().statusCode();
    }

    static void awaitReady(int status, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (ready() != status && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(ready()).as("readiness").isEqualTo(status);
    }

    @Test
    void aStalledBrokerGives503AndDownThenEverythingWorksAgain() throws Exception {
        assertThat(upload(IngestServiceTest.wav(1))).isEqualTo(202);
        awaitReady(200, 10_000);

        kafka.stall();
        try {
            assertThat(upload(IngestServiceTest.wav(2))).as("upload while the broker stalls").isEqualTo(503);
            awaitReady(503, 15_000);
        } finally {
            kafka.resume();
        }
        awaitReady(200, 30_000);
        assertThat(upload(IngestServiceTest.wav(3))).as("first upload after the stall").isEqualTo(202);
        assertThat(upload(IngestServiceTest.wav(4))).as("second upload after the stall").isEqualTo(202);
    }
}
