package io.tagger.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.corpus.CorpusGenerator;
import io.tagger.pipeline.RetainedTracks;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.ModelBundle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * TrackTags, and a second run finds nothing left to do; a model that needs other feature settings
 * does the same from the audio retained on {@code audio-in}.
 */
@ExtendWith(SharedPipeline.Resolver.class)
class RetagTest {
    static final String NEW_VERSION = "retag-e2e-2";

    @TempDir
    Path tmp;

    @Test
    void aNewModelVersionTagsEveryRetainedTrackOnceNextToTheOldTags(SharedPipeline pipeline) throws Exception {
        ModelBundle served = ModelBundle.read(SharedPipeline.MODEL);
        for (int i = 0; i < 3; i++) {
            Path f = PipelineEndToEndTest.track(40 + i, tmp);
            assertThat(PipelineEndToEndTest.upload(pipeline.url("ingest-service"), f, "retag-" + i)).isEqualTo(202);
        }
        awaitTags(pipeline, served, Set.of("retag-0", "retag-1", "retag-2"));

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

    @Test
    void aModelWithOtherFeatureSettingsTagsEveryRetainedTrackFromItsAudio(SharedPipeline pipeline) throws Exception {
        ModelBundle served = ModelBundle.read(SharedPipeline.MODEL);
        Map<String, Path> files = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Path f = PipelineEndToEndTest.track(50 + i, tmp, 6 + 5 * i);
            files.put("recompute-" + i, f);
            assertThat(PipelineEndToEndTest.upload(pipeline.url("ingest-service"), f, "recompute-" + i)).isEqualTo(202);
        }
        ModelBundle c = trainTinyModel("c", tmp.resolve("c"));
        assertThat(c.settings().id()).startsWith("c-").isNotEqualTo(served.settings().id());
        awaitTags(pipeline, served, files.keySet());

        Run first = retag(pipeline, c.dir());
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("recomputing theirs from audio-in", "re-tagged");

        Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers());
        Set<String> retained = new HashSet<>();
        RetainedTracks.bySettings(client).values().forEach(retained::addAll);
        Map<String, List<TrackTags>> newTags = byTrack(allTags(pipeline), c.name(), c.version());
        assertThat(newTags.keySet()).isEqualTo(retained);
        assertThat(newTags.values()).allSatisfy(l -> assertThat(l).hasSize(1));
        assertThat(newTags.values()).allSatisfy(l -> assertThat(l.get(0).getFeatureSettingsId()).isEqualTo(c.settings().id()));
        double maxDiff = 0;
        try (OfflineTagger offline = new OfflineTagger(c)) {
            for (var e : files.entrySet()) {
                TrackTags t = newTags.get(e.getKey()).get(0);
                OfflineTagger.Track expected = offline.tag(e.getValue());
                assertThat(t.getSegmentsScored()).isEqualTo(expected.segments());
                for (int k = 0; k < expected.scores().length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(t.getScores(k).getScore() - expected.scores()[k]));
                }
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
        // The recomputed features stayed inside the replay: segment-features holds the served settings only.
        assertThat(RetainedTracks.bySettings(client).keySet()).containsOnly(served.settings().id());

        Run again = retag(pipeline, c.dir());
        assertThat(again.exit).as(again.output).isZero();
        assertThat(again.output).contains("every retained track is tagged by " + c.name() + " " + c.version() + " already");
    }

    /**
     * A narrow model of another architecture, made as a data scientist makes one: a small synthetic
     * corpus and one epoch, with {@code ./tagger corpus} and {@code ./tagger train}.
     */
    private ModelBundle trainTinyModel(String arch, Path dir) throws Exception {
        Path soundFont = CorpusGenerator.installedSoundFonts().stream()
                .filter(p -> p.getFileName().toString().startsWith("TimGM6mb")).findFirst().orElseThrow();
        Path corpus = dir.resolve("corpus");
        Run made = tagger("corpus", "--out", corpus.toString(), "--clips", "32", "--seed", "3", "--soundfont", soundFont.toString());
        assertThat(made.exit).as(made.output).isZero();
        Path bundle = dir.resolve("bundle");
        Run trained = tagger("train", "--data", corpus.toString(), "--arch", arch, "--block", "basic", "--width", "0.05",
                "--epochs", "1", "--seed", "7", "--out", bundle.toString(), "--name", "tagger-synth-" + arch, "--version", "e2e-1");
        assertThat(trained.exit).as(trained.output).isZero();
        return ModelBundle.read(bundle);
    }

    record Run(int exit, String output) {
    }

    /** The command of docs/operations.md, as a user runs it, against the pipeline's broker. */
    private Run retag(SharedPipeline pipeline, Path bundle) throws Exception {
        return tagger("retag", "--model", bundle.toString(), "--bootstrap-servers", pipeline.kafka.bootstrapServers(),
                "--timeout", "PT5M");
    }

    private Run tagger(String... args) throws Exception {
        Path out = Files.createTempFile(tmp, args[0], ".log");
        List<String> command = new ArrayList<>(List.of(SharedPipeline.ROOT.resolve("tagger").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(SharedPipeline.ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        return new Run(done ? p.exitValue() : -1, Files.readString(out));
    }

    private static void awaitTags(SharedPipeline pipeline, ModelBundle served, Set<String> tracks) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (byTrack(allTags(pipeline), served.name(), served.version()).keySet().containsAll(tracks)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the pipeline did not tag the uploaded tracks " + tracks + " in 3 minutes" + pipeline.diagnosis());
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
