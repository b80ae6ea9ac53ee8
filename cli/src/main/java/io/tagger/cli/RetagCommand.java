package io.tagger.cli;

import io.tagger.serving.BatchScorer;
import io.tagger.serving.ModelBundle;
import io.tagger.dataset.util.Progress;
import io.tagger.pipeline.AudioReplayTopology;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.pipeline.RetainedTracks;
import io.tagger.pipeline.ServedModel;
import io.tagger.pipeline.StreamThreadRecovery;
import io.tagger.pipeline.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * {@code ./tagger retag --model BUNDLE_DIR}: re-tags every track retained on
 * {@code segment-features} with another model version (docs/design.md's replays). Tracks whose features
 * have the bundle's settings: a replay of the topic through the inference topology under that
 * version's own application id. Tracks whose features have other settings: a replay of their
 * audio from {@code audio-in} with the bundle's feature settings ({@link AudioReplayTopology}). The
 * new TrackTags land on {@code track-tags} next to the old versions' (the key holds the model
 * version). Runs until every retained track has the new version's tags, then stops; running it
 * again resumes or finds nothing left to do.
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
        String servers = bootstrap != null ? bootstrap : TagCommand.startLocalStack(home, home.resolve("models/default"));
        Map<String, Object> kafka = TagCommand.kafkaClient(servers);
        String settings = bundle.settings().id();

        Map<String, Set<String>> retained = RetainedTracks.bySettings(kafka);
        Set<String> tracks = new HashSet<>();
        retained.values().forEach(tracks::addAll);
        if (tracks.isEmpty()) {
            throw new Tagger.UserError("no track's features are retained on " + Topics.SEGMENT_FEATURES + " at " + servers);
        }
        Set<String> tagged = new HashSet<>();
        RetainedTracks.readAll(kafka, Topics.TRACK_TAGS, r -> collect(r, bundle, tracks, tagged));
        Set<String> withFeatures = retained.getOrDefault(settings, Set.of());
        Set<String> fromAudio = new HashSet<>(tracks);
        fromAudio.removeAll(withFeatures);
        fromAudio.removeAll(tagged);
        boolean replayFeatures = !tagged.containsAll(withFeatures);
        System.err.printf(Locale.ROOT, "retag: %d retained tracks, %d already tagged by %s %s%n",
                tracks.size(), tagged.size(), bundle.name(), bundle.version());
        if (tagged.size() == tracks.size()) {
            System.out.printf(Locale.ROOT, "every retained track is tagged by %s %s already%n", bundle.name(), bundle.version());
            return 0;
        }
        if (!fromAudio.isEmpty()) {
            System.err.printf(Locale.ROOT, "retag: %d tracks have features with other settings than the model's %s: "
                    + "recomputing theirs from %s%n", fromAudio.size(), settings, Topics.AUDIO_IN);
        }

        Path state = Files.createTempDirectory("tagger-retag-");
        long start = System.nanoTime();
        int before = tagged.size();
        LongAdder skipped = new LongAdder();
        String audioAppId = AudioReplayTopology.applicationId(bundle.name(), bundle.version());
        boolean audioGone = false;
        try (BatchScorer scorer = new BatchScorer(bundle);
             Replays replays = new Replays();
             AudioReplayEnd audioEnd = fromAudio.isEmpty() ? null : new AudioReplayEnd(kafka, audioAppId);
             KafkaConsumer<String, byte[]> watch = watcher(kafka)) {
            // Features of other settings are not dead-lettered by this replay: the audio replay re-tags those tracks.
            var options = new InferenceTopology.Options(batchSize, Duration.ofMillis(200), incompleteAfter, true);
            if (replayFeatures) {
                replays.start(InferenceTopology.build(served(scorer), scorer::score, options, false),
                        streamsConfig(kafka, InferenceTopology.applicationId(bundle.name(), bundle.version()), state));
            }
            if (audioEnd != null) {
                replays.start(AudioReplayTopology.build(served(scorer), scorer::score, options, bundle.settings(),
                        Set.copyOf(fromAudio), skipped), streamsConfig(kafka, audioAppId, state));
            }
            var parts = watch.partitionsFor(Topics.TRACK_TAGS).stream()
                    .map(i -> new TopicPartition(Topics.TRACK_TAGS, i.partition())).toList();
            watch.assign(parts);
            watch.seekToBeginning(parts);
            Progress progress = new Progress("retag " + bundle.version(), tracks.size() - before, "tracks");
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (tagged.size() < tracks.size() && System.currentTimeMillis() < deadline) {
                replays.check();
                for (ConsumerRecord<String, byte[]> r : watch.poll(Duration.ofMillis(500))) {
                    if (collect(r, bundle, tracks, tagged)) {
                        progress.step();
                    }
                }
                // A track whose audio is no longer retained can never be tagged from audio-in: once
                // the audio replay has read all of audio-in and the incomplete rule has had its
                // time, and the features replay is done, stop.
                if (audioEnd != null && tagged.containsAll(withFeatures) && audioEnd.passed(incompleteAfter.plusSeconds(10))) {
                    break;
                }
            }
            audioGone = audioEnd != null && audioEnd.passed(incompleteAfter.plusSeconds(10));
        } finally {
            deleteTree(state); // the replay's local state is rebuilt from its changelogs on the next run
        }
        double secs = (System.nanoTime() - start) / 1e9;
        int done = tagged.size() - before;
        System.out.printf(Locale.ROOT, "re-tagged %d tracks with %s %s in %.1f s (%.1f tracks/s); %d of %d retained tracks have its tags%n",
                done, bundle.name(), bundle.version(), secs, done / secs, tagged.size(), tracks.size());
        if (skipped.sum() > 0) {
            System.err.printf(Locale.ROOT, "retag: skipped %d records on %s that are not valid audio segments "
                    + "(the feature service dead-lettered them when they came in)%n", skipped.sum(), Topics.AUDIO_IN);
        }
        Set<String> missing = new HashSet<>(tracks);
        missing.removeAll(tagged);
        if (audioGone) {
            Set<String> lost = new HashSet<>(fromAudio);
            lost.retainAll(missing);
            if (!lost.isEmpty()) {
                System.err.printf(Locale.ROOT, "retag: %d tracks not re-tagged: their audio is not retained on %s (e.g. %s)%n",
                        lost.size(), Topics.AUDIO_IN, lost.iterator().next());
                missing.removeAll(lost);
            }
        }
        if (!missing.isEmpty()) {
            System.err.printf(Locale.ROOT, "retag: %d tracks not re-tagged within %s; run the command again to resume%n",
                    missing.size(), timeout);
        }
        return tagged.size() < tracks.size() ? 4 : 0;
    }

    /** The replays this command runs, each a Kafka Streams client, closed together. */
    private static final class Replays implements AutoCloseable {
        private final List<KafkaStreams> all = new ArrayList<>();

        void start(Topology topology, Properties config) {
            KafkaStreams streams = new KafkaStreams(topology, config);
            all.add(streams);
            streams.setUncaughtExceptionHandler(new StreamThreadRecovery()); // an hours-long replay outlives a broker hiccup
            streams.start();
        }

        void check() {
            for (KafkaStreams s : all) {
                if (s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the replay stopped (state " + s.state() + ")");
                }
            }
        }

        @Override
        public void close() {
            all.forEach(s -> s.close(Duration.ofSeconds(30)));
        }
    }

    /**
     * When the audio replay has committed past the end {@code audio-in} had at its start: then
     * every retained segment of its tracks has been read.
     */
    private static final class AudioReplayEnd implements AutoCloseable {
        private final Admin admin;
        private final String applicationId;
        /** The committed end of each partition that retains anything (an empty one gets no committed offset). */
        private final Map<TopicPartition, Long> end = new HashMap<>();
        private long reachedAt = -1;
        private long lastLook;

        AudioReplayEnd(Map<String, Object> kafka, String applicationId) throws Exception {
            this.admin = Admin.create(kafka);
            this.applicationId = applicationId;
            List<TopicPartition> parts = admin.describeTopics(List.of(Topics.AUDIO_IN)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.AUDIO_IN).partitions().stream().map(p -> new TopicPartition(Topics.AUDIO_IN, p.partition())).toList();
            var latest = admin.listOffsets(parts.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            var earliest = admin.listOffsets(parts.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                    .all().get(30, TimeUnit.SECONDS);
            for (TopicPartition p : parts) {
                if (earliest.get(p).offset() < latest.get(p).offset()) {
                    end.put(p, latest.get(p).offset());
                }
            }
        }

        /** True once the end was reached at least {@code grace} ago (looks at the group's offsets every 5 s). */
        boolean passed(Duration grace) throws Exception {
            long now = System.currentTimeMillis();
            if (reachedAt < 0 && now - lastLook >= 5000) {
                lastLook = now;
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    reachedAt = now;
                }
            }
            return reachedAt >= 0 && now - reachedAt >= grace.toMillis();
        }

        @Override
        public void close() {
            admin.close(Duration.ofSeconds(5));
        }
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

    /**
     * A replay's Kafka Streams configuration. The replay of {@code segment-features} runs under
     * the application id the inference service uses for this version, so the two share the work.
     */
    private Properties streamsConfig(Map<String, Object> kafka, String applicationId, Path state) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
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
