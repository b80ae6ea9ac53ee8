package io.tagger.pipeline;

import io.tagger.features.FeatureSettings;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Re-tags every track retained on {@code segment-features} with another model version
 * (docs/design.md's replays; {@code ./tagger retag}). Tracks whose features have the model's
 * settings: a replay of the topic through the {@link InferenceTopology} under that version's own
 * application id. Tracks whose features have other settings: a replay of their audio from
 * {@code audio-in} with the model's feature settings ({@link AudioReplayTopology}). The new
 * TrackTags land on {@code track-tags} next to the old versions' (the key holds the model
 * version). {@link #run} lasts until every retained track has the new version's tags, then
 * stops; running it again resumes or finds nothing left to do.
 *
 * <p>Two steps: {@link #plan} reads what is retained and what the version has tagged already
 * (and starts nothing); {@link #run} replays what is left.
 */
public final class RetagReplay {
    /** Grace after the audio replay's end, beyond the incomplete rule's wait, before giving up on lost audio. */
    private static final Duration AUDIO_END_GRACE = Duration.ofSeconds(10);

    private final Config config;

    /**
     * What a replay runs with.
     *
     * @param kafka           Kafka client settings: bootstrap servers and security
     * @param batchSize       segments per inference batch
     * @param threads         stream threads of each replay
     * @param incompleteAfter tag a track whose segments are not all retained after this long
     * @param timeout         give up after this long
     */
    public record Config(Map<String, Object> kafka, int batchSize, int threads, Duration incompleteAfter, Duration timeout) {
        public Config {
            kafka = Map.copyOf(kafka);
        }
    }

    /**
     * What is retained and what is left to tag, for one model version.
     *
     * @param retained     every track whose features are retained on {@code segment-features}
     * @param tagged       the retained tracks the version has tagged already
     * @param withFeatures the retained tracks whose features have the version's settings
     * @param fromAudio    the untagged retained tracks whose features have other settings: re-tagged from {@code audio-in}
     */
    public record Plan(String modelName, String modelVersion, String featureSettingsId, Set<String> retained,
                       Set<String> tagged, Set<String> withFeatures, Set<String> fromAudio) {
        public Plan {
            retained = Set.copyOf(retained);
            tagged = Set.copyOf(tagged);
            withFeatures = Set.copyOf(withFeatures);
            fromAudio = Set.copyOf(fromAudio);
        }

        /** True when every retained track has the version's tags already. */
        public boolean done() {
            return tagged.size() == retained.size();
        }

        /** True when some track with the version's feature settings is not tagged yet. */
        public boolean replayFeatures() {
            return !tagged.containsAll(withFeatures);
        }
    }

    /**
     * What a run did.
     *
     * @param tagged  the retained tracks that have the version's tags now
     * @param skipped records on {@code audio-in} the audio replay skipped (not valid audio segments)
     * @param lost    tracks not re-tagged because their audio is no longer retained on {@code audio-in}, or none of
     *                it is readable (segments whose PCM is in a form removed before 1.0, dead-lettered)
     * @param missing other tracks not re-tagged within the timeout (a new run resumes them)
     */
    public record Result(Plan plan, Set<String> tagged, long skipped, Set<String> lost, Set<String> missing) {
        public Result {
            tagged = Set.copyOf(tagged);
            lost = Set.copyOf(lost);
            missing = Set.copyOf(missing);
        }

        /** Tracks this run tagged. */
        public int retagged() {
            return tagged.size() - plan.tagged().size();
        }

        /** True when every retained track has the version's tags. */
        public boolean complete() {
            return tagged.size() == plan.retained().size();
        }
    }

    /** Hears how a run goes (the command line draws its progress bar from it). */
    public interface Listener {
        /** The replays have started; {@code remaining} tracks are left to tag. */
        void started(int remaining);

        /** The version's tags of one more retained track have arrived. */
        void tagged(String trackId);
    }

    public RetagReplay(Config config) {
        this.config = config;
    }

    /** Reads what is retained and what the version has tagged already; starts nothing. */
    public Plan plan(String modelName, String modelVersion, String featureSettingsId) throws Exception {
        Map<String, Set<String>> bySettings = RetainedTracks.bySettings(config.kafka());
        Set<String> retained = new HashSet<>();
        bySettings.values().forEach(retained::addAll);
        Set<String> tagged = new HashSet<>();
        RetainedTracks.readAll(config.kafka(), Topics.TRACK_TAGS, r -> collect(r, modelName, modelVersion, retained, tagged));
        Set<String> withFeatures = bySettings.getOrDefault(featureSettingsId, Set.of());
        Set<String> fromAudio = new HashSet<>(retained);
        fromAudio.removeAll(withFeatures);
        fromAudio.removeAll(tagged);
        return new Plan(modelName, modelVersion, featureSettingsId, retained, tagged, withFeatures, fromAudio);
    }

    /**
     * Replays what the plan leaves to tag with {@code model}, scored by {@code scorer}; the audio
     * replay computes features with {@code settings}. Returns when every retained track is tagged,
     * when the only ones left are those whose audio is gone, or at the timeout.
     */
    public Result run(Plan plan, ServedModel model, SegmentScorer scorer, FeatureSettings settings, Listener listener)
            throws Exception {
        if (!model.name().equals(plan.modelName()) || !model.version().equals(plan.modelVersion())
                || !model.featureSettingsId().equals(plan.featureSettingsId()) || !settings.id().equals(plan.featureSettingsId())) {
            throw new IllegalArgumentException("the plan is for " + plan.modelName() + " " + plan.modelVersion()
                    + " (" + plan.featureSettingsId() + "), not " + model.name() + " " + model.version()
                    + " (" + settings.id() + ")");
        }
        Set<String> tracks = plan.retained();
        Set<String> tagged = new HashSet<>(plan.tagged());
        Set<String> fromAudio = plan.fromAudio();
        Path state = Files.createTempDirectory("tagger-retag-");
        LongAdder skipped = new LongAdder();
        String audioAppId = AudioReplayTopology.applicationId(model.name(), model.version());
        Duration grace = config.incompleteAfter().plus(AUDIO_END_GRACE);
        boolean audioGone = false;
        try (Replays replays = new Replays();
             AudioReplayEnd audioEnd = fromAudio.isEmpty() ? null : new AudioReplayEnd(config.kafka(), audioAppId);
             KafkaConsumer<String, byte[]> watch = watcher(config.kafka())) {
            // Features of other settings are not dead-lettered by this replay: the audio replay re-tags those tracks.
            // The replay stops reading at the end of its input, where stream time stands still: the
            // wall-clock fallback is the incomplete rule's wait itself (the grace above counts on it).
            var options = new InferenceTopology.Options(config.batchSize(), Duration.ofMillis(200), config.incompleteAfter(),
                    config.incompleteAfter(), InferenceTopology.Options.DEFAULT_DONE_RETENTION, true);
            if (plan.replayFeatures()) {
                replays.start(InferenceTopology.build(model, scorer, options, false),
                        streamsConfig(InferenceTopology.applicationId(model.name(), model.version()), state));
            }
            if (audioEnd != null) {
                replays.start(AudioReplayTopology.build(model, scorer, options, settings, Set.copyOf(fromAudio), skipped),
                        streamsConfig(audioAppId, state));
            }
            var parts = watch.partitionsFor(Topics.TRACK_TAGS).stream()
                    .map(i -> new TopicPartition(Topics.TRACK_TAGS, i.partition())).toList();
            watch.assign(parts);
            watch.seekToBeginning(parts);
            listener.started(tracks.size() - plan.tagged().size());
            long deadline = System.currentTimeMillis() + config.timeout().toMillis();
            while (tagged.size() < tracks.size() && System.currentTimeMillis() < deadline) {
                replays.check();
                for (ConsumerRecord<String, byte[]> r : watch.poll(Duration.ofMillis(500))) {
                    if (collect(r, model.name(), model.version(), tracks, tagged)) {
                        listener.tagged(Topics.trackIdOfTagsKey(r.key()));
                    }
                }
                // A track whose audio is no longer retained can never be tagged from audio-in: once
                // the audio replay has read all of audio-in and the incomplete rule has had its
                // time, and the features replay is done, stop.
                if (audioEnd != null && tagged.containsAll(plan.withFeatures()) && audioEnd.passed(grace)) {
                    break;
                }
            }
            audioGone = audioEnd != null && audioEnd.passed(grace);
        } finally {
            deleteTree(state); // the replay's local state is rebuilt from its changelogs on the next run
        }
        Set<String> missing = new HashSet<>(tracks);
        missing.removeAll(tagged);
        Set<String> lost = new HashSet<>();
        if (audioGone) {
            lost.addAll(fromAudio);
            lost.retainAll(missing);
            missing.removeAll(lost);
        }
        return new Result(plan, tagged, skipped.sum(), lost, missing);
    }

    /** The replays a run starts, each a Kafka Streams client, closed together. */
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

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Adds the record's track when it is the version's tags of a retained track; true when new. */
    private static boolean collect(ConsumerRecord<String, byte[]> r, String name, String version, Set<String> tracks,
                                   Set<String> tagged) {
        if (r.key() == null) {
            return false;
        }
        String id = Topics.trackIdOfTagsKey(r.key());
        return r.key().equals(Topics.trackTagsKey(id, name, version)) && tracks.contains(id) && tagged.add(id);
    }

    /**
     * A replay's Kafka Streams configuration. The replay of {@code segment-features} runs under
     * the application id the inference service uses for this version, so the two share the work.
     */
    private Properties streamsConfig(String applicationId, Path state) {
        Properties p = new Properties();
        p.putAll(config.kafka());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
        DeadLetterHandlers.configure(p, "retag");
        return p;
    }

    /** Watches track-tags without a consumer group (assigned partitions), so it needs only Read on the topic. */
    private static KafkaConsumer<String, byte[]> watcher(Map<String, Object> kafka) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.putAll(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
