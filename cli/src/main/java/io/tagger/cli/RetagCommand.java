package io.tagger.cli;

import io.tagger.dataset.util.Progress;
import io.tagger.pipeline.RetagReplay;
import io.tagger.pipeline.ServedModel;
import io.tagger.pipeline.Topics;
import io.tagger.serving.BatchScorer;
import io.tagger.serving.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./tagger retag --model BUNDLE_DIR}: re-tags every track retained on
 * {@code segment-features} with another model version (docs/design.md's replays). Tracks whose features
 * have the bundle's settings: a replay of the topic through the inference topology under that
 * version's own application id. Tracks whose features have other settings: a replay of their
 * audio from {@code audio-in} with the bundle's feature settings
 * ({@link io.tagger.pipeline.AudioReplayTopology}). The new TrackTags land on {@code track-tags}
 * next to the old versions' (the key holds the model version). Runs until every retained track
 * has the new version's tags, then stops; running it again resumes or finds nothing left to do.
 *
 * <p>The replay itself is {@link RetagReplay} (pipeline module); the command reads the bundle,
 * reports the plan and the progress, and turns the outcome into an exit code
 * ({@link Tagger#EXIT_INCOMPLETE} when tracks are left untagged).
 */
@Command(name = "retag", mixinStandardHelpOptions = true,
        description = "Re-tag every retained track with another model version (Kafka replay of segment-features, or of audio-in where the model needs other feature settings).")
final class RetagCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE_DIR", description = "The new model bundle.")
    Path model;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster (default: the local stack, started if needed).")
    String bootstrap;

    @Option(names = "--batch-size", defaultValue = "32", description = "Segments per inference batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--incomplete-after", defaultValue = "PT1M",
            description = "Tag a track whose segments are not all retained after this long (default: ${DEFAULT-VALUE}).")
    Duration incompleteAfter;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("tagger.home", "."));
        ModelBundle bundle = ModelBundle.read(model);
        String servers = bootstrap != null ? bootstrap : LocalStack.start(home, home.resolve("models/default"));
        RetagReplay replay = new RetagReplay(new RetagReplay.Config(KafkaClients.settings(servers), batchSize, threads,
                incompleteAfter, timeout));

        RetagReplay.Plan plan = replay.plan(bundle.name(), bundle.version(), bundle.settings().id());
        if (plan.retained().isEmpty()) {
            throw new Tagger.UserError("no track's features are retained on " + Topics.SEGMENT_FEATURES + " at " + servers);
        }
        System.err.printf(Locale.ROOT, "retag: %d retained tracks, %d already tagged by %s %s%n",
                plan.retained().size(), plan.tagged().size(), bundle.name(), bundle.version());
        if (plan.done()) {
            System.out.printf(Locale.ROOT, "every retained track is tagged by %s %s already%n", bundle.name(), bundle.version());
            return Tagger.EXIT_OK;
        }
        if (!plan.fromAudio().isEmpty()) {
            System.err.printf(Locale.ROOT, "retag: %d tracks have features with other settings than the model's %s: "
                    + "recomputing theirs from %s%n", plan.fromAudio().size(), bundle.settings().id(), Topics.AUDIO_IN);
        }

        long start = System.nanoTime();
        RetagReplay.Result result;
        try (BatchScorer scorer = new BatchScorer(bundle)) {
            result = replay.run(plan, served(scorer), scorer::score, bundle.settings(), new RetagReplay.Listener() {
                private Progress progress;

                @Override
                public void started(int remaining) {
                    progress = new Progress("retag " + bundle.version(), remaining, "tracks");
                }

                @Override
                public void tagged(String trackId) {
                    progress.step();
                }
            });
        }
        double secs = (System.nanoTime() - start) / 1e9;
        int done = result.retagged();
        System.out.printf(Locale.ROOT, "re-tagged %d tracks with %s %s in %.1f s (%.1f tracks/s); %d of %d retained tracks have its tags%n",
                done, bundle.name(), bundle.version(), secs, done / secs, result.tagged().size(), plan.retained().size());
        if (result.skipped() > 0) {
            System.err.printf(Locale.ROOT, "retag: skipped %d records on %s that are not valid audio segments "
                    + "(the feature service dead-lettered them when they came in)%n", result.skipped(), Topics.AUDIO_IN);
        }
        if (!result.lost().isEmpty()) {
            System.err.printf(Locale.ROOT, "retag: %d tracks not re-tagged: their audio is not retained on %s, or none of it is readable"
                    + " (e.g. %s; see ./tagger dlq count)%n",
                    result.lost().size(), Topics.AUDIO_IN, result.lost().iterator().next());
        }
        if (!result.missing().isEmpty()) {
            System.err.printf(Locale.ROOT, "retag: %d tracks not re-tagged within %s; run the command again to resume%n",
                    result.missing().size(), timeout);
        }
        return result.complete() ? Tagger.EXIT_OK : Tagger.EXIT_INCOMPLETE;
    }

    /** What the replay's topologies need to know of the bundle. */
    private static ServedModel served(BatchScorer s) {
        ModelBundle b = s.bundle();
        return new ServedModel(b.name(), b.version(), b.tags(), s.thresholds(), b.settings().id(), b.segmentsPerTrack(),
                b.settings().keys(), s.rows(), s.frames());
    }
}
