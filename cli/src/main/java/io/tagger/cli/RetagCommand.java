package io.tagger.cli;

import io.tagger.model.bundle.BatchScorer;
import io.tagger.model.bundle.ModelBundle;
import io.tagger.model.util.Progress;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.pipeline.RetainedTracks;
import io.tagger.pipeline.ServedModel;
import io.tagger.pipeline.StreamThreadRecovery;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./tagger retag --model BUNDLE_DIR}: re-tags every track retained on
 * {@code segment-features} with another model version, by replaying the topic through the
 * inference topology under that version's own application id. The new TrackTags land on
 * {@code track-tags} next to the old versions' (the key holds the model version). Runs until every
 * retained track has the new version's tags, then stops; running it again resumes or finds nothing
 * left to do. Tracks whose features were computed with other settings than the bundle's are
 * reported, not re-tagged.
 */
@Command(name = "retag", mixinStandardHelpOptions = true,
        description = "Re-tag every retained track with another model version (Kafka replay of segment-features).")
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
        String servers = bootstrap != null ? bootstrap : TagCommand.startLocalStack(home, home.resolve("models/default"));
        Map<String, Object> kafka = TagCommand.kafkaClient(servers);

        Map<String, Set<String>> retained = RetainedTracks.bySettings(kafka);
        Set<String> tracks = retained.getOrDefault(bundle.settings().id(), Set.of());
        retained.forEach((settings, ids) -> {
            if (!settings.equals(bundle.settings().id())) {
                System.err.printf(Locale.ROOT, "not re-tagged: %d tracks whose features have settings %s (the model needs %s)%n",
                        ids.size(), settings, bundle.settings().id());
            }
        });
        if (tracks.isEmpty()) {
            throw new Tagger.UserError("no retained track has features with settings " + bundle.settings().id()
                    + " on " + Topics.SEGMENT_FEATURES + " at " + servers);
        }
        Set<String> tagged = new HashSet<>();
        RetainedTracks.readAll(kafka, Topics.TRACK_TAGS, r -> collect(r, bundle, tracks, tagged));
        System.err.printf(Locale.ROOT, "retag: %d retained tracks, %d already tagged by %s %s%n",
                tracks.size(), tagged.size(), bundle.name(), bundle.version());
        if (tagged.size() == tracks.size()) {
            System.out.printf(Locale.ROOT, "every retained track is tagged by %s %s already%n", bundle.name(), bundle.version());
            return 0;
        }

        Path state = Files.createTempDirectory("tagger-retag-");
        long start = System.nanoTime();
        int before = tagged.size();
        try (BatchScorer scorer = new BatchScorer(bundle);
             KafkaStreams streams = new KafkaStreams(InferenceTopology.build(served(scorer), scorer::score,
                     new InferenceTopology.Options(batchSize, Duration.ofMillis(200), incompleteAfter), false),
                     streamsConfig(kafka, bundle, state));
             KafkaConsumer<String, byte[]> watch = watcher(kafka)) {
            streams.setUncaughtExceptionHandler(new StreamThreadRecovery()); // an hours-long replay outlives a broker hiccup
            streams.start();
            var parts = watch.partitionsFor(Topics.TRACK_TAGS).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(Topics.TRACK_TAGS, i.partition())).toList();
            watch.assign(parts);
            watch.seekToBeginning(parts);
            Progress progress = new Progress("retag " + bundle.version(), tracks.size() - before, "tracks");
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (tagged.size() < tracks.size() && System.currentTimeMillis() < deadline) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the replay stopped (state " + streams.state() + ")");
                }
                for (ConsumerRecord<String, byte[]> r : watch.poll(Duration.ofMillis(500))) {
                    if (collect(r, bundle, tracks, tagged)) {
                        progress.step();
                    }
                }
            }
            streams.close(Duration.ofSeconds(30));
        } finally {
            deleteTree(state); // the replay's local state is rebuilt from its changelogs on the next run
        }
        double secs = (System.nanoTime() - start) / 1e9;
        int done = tagged.size() - before;
        System.out.printf(Locale.ROOT, "re-tagged %d tracks with %s %s in %.1f s (%.1f tracks/s); %d of %d retained tracks have its tags%n",
                done, bundle.name(), bundle.version(), secs, done / secs, tagged.size(), tracks.size());
        if (tagged.size() < tracks.size()) {
            System.err.printf(Locale.ROOT, "retag: %d tracks not re-tagged within %s; run the command again to resume%n",
                    tracks.size() - tagged.size(), timeout);
            return 4;
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Adds the record's track when it is the new version's tags of a retained track; true when new. */
    private static boolean collect(ConsumerRecord<String, byte[]> r, ModelBundle bundle, Set<String> tracks, Set<String> tagged) {
        if (r.key() == null) {
            return false;
        }
        String id = Topics.trackIdOfTagsKey(r.key());
        return r.key().equals(Topics.trackTagsKey(id, bundle.name(), bundle.version())) && tracks.contains(id) && tagged.add(id);
    }

    private static ServedModel served(BatchScorer s) {
        ModelBundle b = s.bundle();
        return new ServedModel(b.name(), b.version(), b.tags(), s.thresholds(), b.settings().id(), b.segmentsPerTrack(),
                b.settings().keys(), s.rows(), s.frames());
    }

    /** The same application id the inference service uses for this version, so the two share the work. */
    private Properties streamsConfig(Map<String, Object> kafka, ModelBundle bundle, Path state) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tagger-inference-" + bundle.name() + "-" + bundle.version());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
        return p;
    }

    /** Watches track-tags without a consumer group (assigned partitions), so it needs only Read on the topic. */
    private static KafkaConsumer<String, byte[]> watcher(Map<String, Object> kafka) {
        Map<String, Object> c = new java.util.HashMap<>(kafka);
        c.putAll(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
