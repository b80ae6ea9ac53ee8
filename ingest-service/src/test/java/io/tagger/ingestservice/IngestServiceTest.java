package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.testing.KafkaResource;
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
        return KafkaResource.kafka().readCommitted(topic, n, Duration.ofSeconds(30));
    }

    @Test
    void anUploadIsDecodedSegmentedAndPublished() throws Exception {
        given().multiPart("file", AUDIO.resolve("chord16k.mp3").toFile()).multiPart("id", "upload-1")
                .when().post("/tracks").then().statusCode(200)
                .body("trackId", equalTo("upload-1")).body("segments", equalTo(1));
        List<ConsumerRecord<String, byte[]>> recs = consume(Topics.AUDIO_IN, 1);
        assertThat(recs).hasSize(1);
        AudioSegment s = AudioSegment.parseFrom(recs.get(0).value());
        assertThat(recs.get(0).key()).isEqualTo("upload-1");
        assertThat(s.getSampleRate()).isEqualTo(16000);
        assertThat(s.getSamplesCount()).isEqualTo(46560);
        assertThat(s.getSource()).isEqualTo("chord16k.mp3");
    }

    @Test
    void badUploadsAreRefusedWithTheirReason() throws Exception {
        given().multiPart("file", AUDIO.resolve("garbage.mp3").toFile()).when().post("/tracks").then().statusCode(422)
                .body("error", containsString("garbage.mp3"));
        List<ConsumerRecord<String, byte[]>> dead = consume(Topics.DLQ, 1);
        assertThat(dead).isNotEmpty();
        DeadLetter d = DeadLetter.parseFrom(dead.get(0).value());
        assertThat(d.getStage()).isEqualTo("ingest");
        assertThat(d.getOriginalValue().size()).isEqualTo(3000);

        given().multiPart("file", AUDIO.resolve("empty.wav").toFile()).when().post("/tracks").then().statusCode(422)
                .body("error", containsString("empty"));
        given().multiPart("file", AUDIO.resolve("chord16k.wav").toFile()).multiPart("id", "bad id with spaces")
                .when().post("/tracks").then().statusCode(422).body("error", containsString("track id"));
        given().when().post("/tracks").then().statusCode(415);

        File big = Files.createTempFile("big", ".wav").toFile();
        Files.write(big.toPath(), new byte[2 * 1024 * 1024]);
        given().multiPart("file", big).when().post("/tracks").then().statusCode(413);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
