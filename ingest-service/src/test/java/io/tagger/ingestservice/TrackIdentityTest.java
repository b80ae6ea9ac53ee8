package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.pipeline.Topics;
import io.tagger.producer.TrackIds;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #20, finding 2: an uploader must not decide another file's tags by claiming its track id.
 * Content ids (the first 16 hex digits of a file's SHA-256) are only ever given by the server from
 * the bytes; a caller-chosen id is bound to the content it was first accepted with.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class TrackIdentityTest {

    /** A 16-bit mono 16 kHz WAV of {@code seconds} of white noise (seeded) or of a tone at {@code hz}. */
    static File wav(String name, double seconds, long noiseSeed, double hz) throws Exception {
        int n = (int) (seconds * 16000);
        byte[] pcm = new byte[2 * n];
        Random random = new Random(noiseSeed);
        for (int i = 0; i < n; i++) {
            short v = noiseSeed != 0 ? (short) (random.nextGaussian() * 4000)
                    : (short) (3000 * Math.sin(2 * Math.PI * hz * i / 16000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        File f = Files.createTempFile(name, ".wav").toFile();
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(pcm),
                new javax.sound.sampled.AudioFormat(16000, 16, 1, true, false), n),
                javax.sound.sampled.AudioFileFormat.Type.WAVE, f);
        return f;
    }

    static List<ConsumerRecord<String, byte[]>> segmentsOf(String id) {
        return KafkaResource.kafka().readCommitted(Topics.AUDIO_IN, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .filter(r -> r.key().equals(id)).toList();
    }

    static String source(ConsumerRecord<String, byte[]> r) {
        try {
            return AudioSegment.parseFrom(r.value()).getSource();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attack: noise uploaded under the song's content id, then the song. */
    @Test
    void noOneCanUploadOtherContentUnderAFilesContentId() throws Exception {
        File song = wav("song", 3, 0, 440 + new Random().nextInt(1000));
        File noise = wav("noise", 3, 42, 0);
        String songId = TrackIds.of(song.toPath());

        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", noise).multiPart("id", songId).when().post("/tracks")
                .then().statusCode(400).body("detail", containsString("content id"));
        // The same, in capitals: ids are case-sensitive, but an id that looks like a content id is refused all the same.
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", noise).multiPart("id", songId.toUpperCase())
                .when().post("/tracks").then().statusCode(400).body("detail", containsString("content id"));

        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", song).when().post("/tracks").then().statusCode(202)
                .body("trackId", equalTo(songId)).body("segments", equalTo(1));
        // Naming a file's own content id is what the server would have done: allowed, and idempotent.
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", song).multiPart("id", songId).when().post("/tracks")
                .then().statusCode(202).body("trackId", equalTo(songId));

        List<ConsumerRecord<String, byte[]>> segments = segmentsOf(songId);
        assertThat(segments).isNotEmpty();
        assertThat(segments).allSatisfy(r -> assertThat(source(r)).isEqualTo(song.getName()));
    }

    /** A caller-chosen id belongs to the content it was first accepted with. */
    @Test
    void aDifferentFileUnderATakenIdIs409AndTheSameFileIsIdempotent() throws Exception {
        String id = "album-" + System.nanoTime() + "/track-7";
        File first = wav("first", 2, 0, 330);
        File other = wav("other", 2, 7, 0);

        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", first).multiPart("id", id).when().post("/tracks")
                .then().statusCode(202).body("trackId", equalTo(id));
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", other).multiPart("id", id).when().post("/tracks")
                .then().statusCode(409).body("detail", containsString(id)).body("detail", containsString("different content"));
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", first).multiPart("id", id).when().post("/tracks")
                .then().statusCode(202).body("trackId", equalTo(id));

        List<ConsumerRecord<String, byte[]>> segments = segmentsOf(id);
        assertThat(segments).hasSize(2); // the first file, twice (downstream drops the repeat)
        assertThat(segments).allSatisfy(r -> assertThat(source(r)).isEqualTo(first.getName()));

        // The binding is in Kafka (committed with the segments): another replica, or this one after a
        // restart, reads it from track-ids and refuses the other file too.
        TrackClaims fresh = new TrackClaims(KafkaResource.kafka().bootstrapServers());
        try {
            assertThat(fresh.contentOf(id, Duration.ofSeconds(30))).isEqualTo(TrackIds.sha256(first.toPath()));
            assertThat(fresh.contentOf("never-uploaded-" + System.nanoTime(), Duration.ofSeconds(1))).isNull();
        } finally {
            fresh.close();
        }
    }
}
