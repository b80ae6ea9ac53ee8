package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Uploads against a real (in-process) broker: segments land in audio-in, bad files get errors and DLQ records. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class IngestServiceTest {
    static final Path AUDIO = Path.of("../audio/src/test/resources/audio");


    static List<ConsumerRecord<String, byte[]>> consume(String topic, int n) {
        return KafkaResource.kafka().readCommitted(topic, n, Duration.ofSeconds(n >= 100 ? 5 : 30));
    }

    @Test
    void anUploadIsDecodedSegmentedAndPublished() throws Exception {
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", AUDIO.resolve("chord16k.mp3").toFile()).multiPart("id", "upload-1")
                .when().post("/tracks").then().statusCode(202)
                .body("trackId", equalTo("upload-1")).body("segments", equalTo(1));
        List<ConsumerRecord<String, byte[]>> recs = consume(Topics.AUDIO_IN, 100).stream()
                .filter(r -> r.key().equals("upload-1")).toList();
        assertThat(recs).hasSize(1);
        AudioSegment s = AudioSegment.parseFrom(recs.get(0).value());
        assertThat(recs.get(0).key()).isEqualTo("upload-1");
        assertThat(s.getSampleRate()).isEqualTo(16000);
        assertThat(io.tagger.pipeline.FeatureMessages.sampleCount(s)).isEqualTo(46560);
        assertThat(s.getSource()).isEqualTo("chord16k.mp3");
    }

    /** A 16-bit mono 16 kHz WAV of {@code seconds} of a quiet tone. */
    static File wav(double seconds) throws Exception {
        int n = (int) (seconds * 16000);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            short v = (short) (3000 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        File f = Files.createTempFile("tone", ".wav").toFile();
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(pcm),
                new javax.sound.sampled.AudioFormat(16000, 16, 1, true, false), n),
                javax.sound.sampled.AudioFileFormat.Type.WAVE, f);
        return f;
    }

    @Test
    void aHalfSecondFileIsOneZeroPaddedSegmentAndATenMinuteFileTenSpreadSegments() throws Exception {
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", wav(0.5)).multiPart("id", "half-second").when().post("/tracks").then().statusCode(202)
                .body("segments", equalTo(1)).body("zeroPadded", equalTo(true));
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", wav(600)).multiPart("id", "ten-minutes").when().post("/tracks").then().statusCode(202)
                .body("segments", equalTo(10)).body("zeroPadded", equalTo(false));
    }

    @Test
    void badUploadsAreRefusedWithTheirReason() throws Exception {
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", AUDIO.resolve("garbage.mp3").toFile()).when().post("/tracks").then().statusCode(422)
                .body("detail", containsString("garbage.mp3"));
        List<ConsumerRecord<String, byte[]>> dead = consume(Topics.DLQ, 1);
        assertThat(dead).isNotEmpty();
        DeadLetter d = DeadLetter.parseFrom(dead.get(0).value());
        assertThat(d.getStage()).isEqualTo("ingest");
        assertThat(d.getOriginalValue().size()).isEqualTo(3000);
        // Counted for the dead-letter alert (from the registry: /q/metrics may need an API key here).
        assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.find(io.tagger.pipeline.PipelineMetrics.DEAD_LETTERS)
                .tags("stage", "ingest", "reason", "undecodable-audio", "source_topic", "none").counter())
                .isNotNull().satisfies(c -> assertThat(c.count()).isPositive());

        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", AUDIO.resolve("empty.wav").toFile()).when().post("/tracks").then().statusCode(422)
                .body("detail", containsString("empty"));
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", AUDIO.resolve("chord16k.wav").toFile()).multiPart("id", "bad id with spaces")
                .when().post("/tracks").then().statusCode(400).body("detail", containsString("track id"));
        given().auth().oauth2(TestApiKeys.UPLOADER).when().post("/tracks").then().statusCode(415);

        given().auth().oauth2(TestApiKeys.UPLOADER).when().get("/q/health/ready").then().statusCode(200);
    }
}
