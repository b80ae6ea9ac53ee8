package io.tagger.e2e;

import io.tagger.audio.AudioDecodingException;
import io.tagger.producer.CatalogueProducer;
import io.tagger.producer.TrackIds;
import io.tagger.producer.TrackPublisher;
import io.tagger.producer.example.PushFolder;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.ModelBundle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer library (docs/producing.md) on the real pipeline: tracks it pushes straight to
 * audio-in, without the ingest service, are tagged, with the scores offline inference gives the
 * same files; its example pushes a folder.
 */
@ExtendWith(SharedPipeline.Resolver.class)
class CatalogueProducerTest {
    static SharedPipeline pipeline;
    static ModelBundle bundle;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start(SharedPipeline shared) throws Exception {
        pipeline = shared;
        bundle = ModelBundle.read(SharedPipeline.MODEL);
    }

    static String key(String trackId) {
        return trackId + "@" + bundle.name() + ":" + bundle.version();
    }

    /** The library's constants are the served model's. */
    @Test
    void theLibrarysSegmentsAreTheServedModels() {
        assertThat(CatalogueProducer.SAMPLE_RATE).isEqualTo(bundle.settings().sampleRate());
        assertThat(CatalogueProducer.SEGMENT_SAMPLES).isEqualTo(bundle.settings().segmentSamples());
        assertThat(CatalogueProducer.SEGMENTS_PER_TRACK).isEqualTo(bundle.segmentsPerTrack());
    }

    /**
     * Three files (6 s: two segments; 40 s: ten spread over the track; 2 s: one zero-padded) and a
     * track of samples, pushed by the library, each get one TrackTags whose scores equal offline
     * inference of the same audio within 1e-5.
     */
    @Test
    void tracksPushedByTheLibraryAreTaggedWithOfflineScores() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("library"));
        Map<Path, Integer> files = new LinkedHashMap<>();
        files.put(PipelineEndToEndTest.track(200, dir, 6), 2);
        files.put(PipelineEndToEndTest.track(201, dir, 40), 10);
        files.put(PipelineEndToEndTest.track(202, dir, 2), 1);
        Map<String, Path> ids = new LinkedHashMap<>();
        float[] tone = new float[CatalogueProducer.SEGMENT_SAMPLES * 3 + 1000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.25 * Math.sin(2 * Math.PI * 330 * i / 16000.0));
        }
        try (CatalogueProducer producer = CatalogueProducer.builder().setBootstrapServers(pipeline.kafka.bootstrapServers())
                .optTransactionalId(CatalogueProducer.TRANSACTIONAL_ID_PREFIX + "library-test").build()) {
            for (var f : files.entrySet()) {
                TrackPublisher.Published p = producer.push(f.getKey());
                assertThat(p.trackId()).isEqualTo(TrackIds.of(f.getKey()));
                assertThat(p.segments()).isEqualTo(f.getValue());
                assertThat(p.zeroPadded()).isEqualTo(f.getValue() == 1);
                ids.put(p.trackId(), f.getKey());
            }
            assertThat(producer.push("library:tone-330", tone, 16000).segments()).isEqualTo(3);
            // refused before anything is sent
            assertThatThrownBy(() -> producer.push("library:cd-rate", tone, 44100))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16000 Hz");
            assertThatThrownBy(() -> producer.push("no@at-signs", tone, 16000)).isInstanceOf(IllegalArgumentException.class);
            Path notAudio = Files.writeString(tmp.resolve("notes.wav"), "not audio at all");
            assertThatThrownBy(() -> producer.push(notAudio)).isInstanceOf(AudioDecodingException.class);
        }

        List<String> all = new java.util.ArrayList<>(ids.keySet());
        all.add("library:tone-330");
        Map<String, ConsumerRecord<String, byte[]>> tags = TrackTagsOnTopic.await(pipeline.kafka.bootstrapServers(), all,
                Duration.ofMinutes(3));
        assertThat(tags.keySet()).as(pipeline::diagnosis).containsExactlyInAnyOrderElementsOf(all.stream().map(CatalogueProducerTest::key).toList());
        TrackTags tone330 = TrackTagsOnTopic.parse(tags.get(key("library:tone-330")));
        assertThat(tone330.getSegmentsScored()).isEqualTo(3);
        double maxDiff = 0;
        try (OfflineTagger offline = new OfflineTagger(bundle)) {
            for (var e : ids.entrySet()) {
                TrackTags t = TrackTagsOnTopic.parse(tags.get(key(e.getKey())));
                OfflineTagger.Track expected = offline.tag(e.getValue());
                assertThat(t.getSegmentCount()).isEqualTo(expected.segments());
                assertThat(t.getSegmentsScored()).isEqualTo(expected.segments());
                assertThat(t.getScoresCount()).isEqualTo(bundle.tags().size());
                for (int k = 0; k < expected.scores().length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(t.getScores(k).getScore() - expected.scores()[k]));
                }
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
    }

    /** The example pushes every audio file of a folder, reports the one that is not audio, and the rest are tagged. */
    @Test
    void theExamplePushesAFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("folder"));
        Path a = PipelineEndToEndTest.track(210, dir, 4);
        Path b = PipelineEndToEndTest.track(211, Files.createDirectories(dir.resolve("sub")), 4);
        Files.writeString(dir.resolve("broken.mp3"), "not audio");
        Files.writeString(dir.resolve("cover.txt"), "not an audio file name: left alone");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = PushFolder.run("--bootstrap-servers", pipeline.kafka.bootstrapServers(),
                    "--transactional-id", CatalogueProducer.TRANSACTIONAL_ID_PREFIX + "example-test", dir.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).as("one file was not audio").isEqualTo(1);
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(2);
        assertThat(out).contains(TrackIds.of(a) + "\t" + a, TrackIds.of(b) + "\t" + b, "1 segments");
        List<String> ids = List.of(TrackIds.of(a), TrackIds.of(b));
        assertThat(TrackTagsOnTopic.await(pipeline.kafka.bootstrapServers(), ids, Duration.ofMinutes(3)).keySet())
                .as(pipeline::diagnosis).containsExactlyInAnyOrder(key(ids.get(0)), key(ids.get(1)));
    }
}
