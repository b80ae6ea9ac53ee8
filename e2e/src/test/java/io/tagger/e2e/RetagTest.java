package io.tagger.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.model.bundle.ModelBundle;
import io.tagger.pipeline.RetainedTracks;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@code ./tagger retag --model BUNDLE_DIR} on the running pipeline: a new version of the model
 * tags every track retained on {@code segment-features} exactly once, next to the old version's
 * TrackTags, and a second run finds nothing left to do.
 */
@ExtendWith(SharedPipeline.Resolver.class)
class RetagTest {
    static final String NEW_VERSION = "retag-e2e-2";

    @TempDir
    Path tmp;

    @Test
    void aNewModelVersionTagsEveryRetainedTrackOnceNextToTheOldTags(SharedPipeline pipeline) throws Exception {
        ModelBundle served = ModelBundle.read(SharedPipeline.MODEL);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            Path f = PipelineEndToEndTest.track(40 + i, tmp);
            assertThat(PipelineEndToEndTest.upload(http, pipeline.url("ingest-service"), f, "retag-" + i)).isEqualTo(200);
        }
        awaitTags(pipeline, served, 3);

        // The shipped bundle as version NEW_VERSION: same weights and features, so the same scores.
        Path bundle = copyWithVersion(SharedPipeline.MODEL, tmp.resolve("v2"), NEW_VERSION);
        Run first = retag(pipeline, bundle);
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("re-tagged", served.name() + " " + NEW_VERSION);

        Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers());
        Set<String> retained = RetainedTracks.bySettings(client).get(served.settings().id());
        List<ConsumerRecord<String, byte[]>> tags = allTags(pipeline);
        Map<String, List<TrackTags>> newTags = byTrack(tags, served.name(), NEW_VERSION);
        Map<String, List<TrackTags>> oldTags = byTrack(tags, served.name(), served.version());
        assertThat(newTags.keySet()).isEqualTo(retained);
        assertThat(newTags.values()).allSatisfy(l -> assertThat(l).hasSize(1));
        for (int i = 0; i < 3; i++) {
            TrackTags before = oldTags.get("retag-" + i).get(0);
            TrackTags after = newTags.get("retag-" + i).get(0);
            assertThat(after.getModelVersion()).isEqualTo(NEW_VERSION);
            assertThat(after.getSegmentsScored()).isEqualTo(before.getSegmentsScored());
            for (int k = 0; k < served.tags().size(); k++) {
                assertThat(after.getScores(k).getTag()).isEqualTo(before.getScores(k).getTag());
                assertThat((double) after.getScores(k).getScore())
                        .isCloseTo(before.getScores(k).getScore(), offset(1e-5));
            }
        }

        Run again = retag(pipeline, bundle);
        assertThat(again.exit).as(again.output).isZero();
        assertThat(again.output).contains("every retained track is tagged by " + served.name() + " " + NEW_VERSION + " already");
        assertThat(byTrack(allTags(pipeline), served.name(), NEW_VERSION).values()).allSatisfy(l -> assertThat(l).hasSize(1));
    }

    record Run(int exit, String output) {
    }

    /** The README's command, as a user runs it, against the pipeline's broker. */
    private Run retag(SharedPipeline pipeline, Path bundle) throws Exception {
        Path out = Files.createTempFile(tmp, "retag", ".log");
        Process p = new ProcessBuilder(SharedPipeline.ROOT.resolve("tagger").toString(), "retag", "--model", bundle.toString(),
                "--bootstrap-servers", pipeline.kafka.bootstrapServers(), "--timeout", "PT5M")
                .directory(SharedPipeline.ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        return new Run(done ? p.exitValue() : -1, Files.readString(out));
    }

    private static void awaitTags(SharedPipeline pipeline, ModelBundle served, int tracks) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (byTrack(allTags(pipeline), served.name(), served.version()).keySet().stream()
                    .filter(id -> id.startsWith("retag-")).count() == tracks) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the pipeline did not tag the " + tracks + " uploaded tracks in 3 minutes" + pipeline.diagnosis());
    }

    private static List<ConsumerRecord<String, byte[]>> allTags(SharedPipeline pipeline) {
        return pipeline.kafka.readCommitted(Topics.TRACK_TAGS, Integer.MAX_VALUE, Duration.ofSeconds(5));
    }

    /** The TrackTags of one model version by track id, checking each record's key. */
    private static Map<String, List<TrackTags>> byTrack(List<ConsumerRecord<String, byte[]>> records, String name, String version) {
        Map<String, List<TrackTags>> out = new HashMap<>();
        for (var r : records) {
            TrackTags t = parse(r.value());
            if (t.getModelName().equals(name) && t.getModelVersion().equals(version)) {
                assertThat(r.key()).isEqualTo(Topics.trackTagsKey(t.getTrackId(), name, version));
                out.computeIfAbsent(t.getTrackId(), k -> new ArrayList<>()).add(t);
            }
        }
        return out;
    }

    private static TrackTags parse(byte[] value) {
        try {
            return TrackTags.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("a record on track-tags is not TrackTags", e);
        }
    }

    /** A copy of {@code bundle} whose model.json names another version. */
    private static Path copyWithVersion(Path bundle, Path to, String version) throws Exception {
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(bundle.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path json = to.resolve("model.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        String replaced = text.replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\" : \"" + version + "\"");
        assertThat(replaced).isNotEqualTo(text);
        Files.writeString(json, replaced, StandardCharsets.UTF_8);
        assertThat(ModelBundle.read(to).version()).isEqualTo(version);
        return to;
    }
}
