package io.tagger.e2e;

import io.tagger.cli.TrackUploader;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.ModelBundle;
import io.tagger.testing.InProcessKafka;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three services as separate processes (their packaged Quarkus apps) on a real KRaft broker:
 * 20 tracks uploaded to the ingest service give exactly 20 TrackTags, whose scores equal offline
 * inference of the same audio with the same bundle within 1e-5.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedPipeline.Resolver.class)
class PipelineEndToEndTest {
    static final Path MODEL = SharedPipeline.MODEL;
    static SharedPipeline pipeline;
    static InProcessKafka kafka;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start(SharedPipeline shared) throws Exception {
        pipeline = shared;
        kafka = pipeline.kafka;
    }

    /** A 16 kHz WAV (6 s unless said) with a per-track chord and pulse (deterministic). */
    static Path track(int i) throws Exception {
        return track(i, tmp);
    }

    static Path track(int i, Path dir) throws Exception {
        return track(i, dir, 6);
    }

    static Path track(int i, Path dir, int seconds) throws Exception {
        int sr = 16000;
        int n = seconds * sr;
        Random r = new Random(i);
        byte[] pcm = new byte[2 * n];
        double f = 110 * Math.pow(2, i / 12.0);
        double beat = 0.3 + 0.02 * i;
        for (int k = 0; k < n; k++) {
            double t = k / (double) sr;
            double v = 0.2 * Math.sin(2 * Math.PI * f * t) + 0.1 * Math.sin(2 * Math.PI * 1.5 * f * t)
                    + 0.3 * Math.exp(-(t % beat) * 40) * r.nextGaussian() * 0.5;
            short s = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
            pcm[2 * k] = (byte) s;
            pcm[2 * k + 1] = (byte) (s >> 8);
        }
        Path file = dir.resolve("track-" + i + ".wav");
        AudioFormat fmt = new AudioFormat(sr, 16, 1, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), fmt, n), AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    static int upload(Path file, String id) throws Exception {
        return upload(pipeline.url("ingest-service"), file, id);
    }

    /** Through the uploader {@code ./tagger import} uses. */
    static int upload(String ingestUrl, Path file, String id) throws Exception {
        return new TrackUploader(URI.create(ingestUrl), TestApiKeys.UPLOADER).upload(file, id).status();
    }

    /** The refusals {@code ./tagger import} reports come through the uploader with their reasons. */
    @Test
    void theImportUploaderReturnsEachRefusalWithItsReason() throws Exception {
        URI ingest = URI.create(pipeline.url("ingest-service"));
        Path notAudio = Files.writeString(tmp.resolve("notes.mp3"), "not audio at all");
        TrackUploader.Answer bad = new TrackUploader(ingest, TestApiKeys.UPLOADER).upload(notAudio, "refused-1");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("notes.mp3", "cannot open");
        TrackUploader.Answer noKey = new TrackUploader(ingest, "tgk_not-a-key").upload(track(90), null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body()).isEqualTo("Unauthorized");
        URI closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        URI nobody = closed;
        assertThatThrownBy(() -> new TrackUploader(nobody, TestApiKeys.UPLOADER).upload(track(91), null))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void twentyTracksInExactlyTwentyTrackTagsOutWithOfflineScores() throws Exception {
        Map<String, Path> files = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Path f = track(i);
            files.put("e2e-" + i, f);
            assertThat(upload(f, "e2e-" + i)).isEqualTo(202);
        }
        // (The browser test may tag its own track on the same pipeline: count this test's tracks.)
        assertThat(kafka.readCommitted(Topics.TRACK_TAGS, 20, Duration.ofMinutes(3)).size()).as(pipeline::diagnosis)
                .isGreaterThanOrEqualTo(20);
        var all = kafka.readCommitted(Topics.TRACK_TAGS, Integer.MAX_VALUE, Duration.ofSeconds(5)).stream()
                .filter(r -> r.key().startsWith("e2e-")).toList();
        assertThat(all).hasSize(20);
        assertThat(all.stream().map(r -> Topics.trackIdOfTagsKey(r.key())).distinct()).hasSize(20);

        ModelBundle bundle = ModelBundle.read(MODEL);
        double maxDiff = 0;
        try (OfflineTagger offline = new OfflineTagger(bundle)) {
            for (var r : all) {
                TrackTags t = TrackTags.parseFrom(r.value());
                assertThat(r.key()).isEqualTo(Topics.trackTagsKey(t.getTrackId(), bundle.name(), bundle.version()));
                OfflineTagger.Track expected = offline.tag(files.get(t.getTrackId()));
                assertThat(t.getSegmentsScored()).isEqualTo(expected.segments());
                for (int k = 0; k < expected.scores().length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(t.getScores(k).getScore() - expected.scores()[k]));
                }
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
    }
}
