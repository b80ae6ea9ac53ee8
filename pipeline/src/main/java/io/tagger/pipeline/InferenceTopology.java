package io.tagger.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.SegmentFeatures;
import io.tagger.proto.v1.SegmentScores;
import io.tagger.proto.v1.TagScore;
import io.tagger.proto.v1.TrackProgress;
import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inference stage as a Kafka Streams topology: {@code segment-features} -> batched scoring
 * -> the mean over each track's segments -> one {@code TrackTags} per track on {@code track-tags}.
 *
 * <p>Exactly once, batching included: a segment waiting for its batch is kept in the
 * {@code pending} store and a track's scored segments in the {@code progress} store, both
 * changelogged in the same Kafka transaction as the input offsets and the output, so a crash at
 * any moment neither loses a waiting segment nor scores one twice. A segment already pending or
 * scored, or of a track already emitted ({@code done} store), is dropped: duplicates never count
 * twice. A batch is scored when {@code batchSize} segments wait on a stream thread, from any of
 * its tasks (partitions), or once the oldest of them has waited {@code maxWait}; see
 * {@link ThreadBatch}.
 *
 * <p>Timeout rule for incomplete tracks, in <em>stream time</em> (record timestamps, never the
 * wall clock): once the task's stream time is {@code incompleteAfter} past the timestamp of a
 * track's first scored segment, its TrackTags is emitted from the segments scored so far, with
 * {@code segments_scored < segment_count}; later segments of that track are dropped. So a backlog
 * processed long after it was written (an outage, a consumer catching up) still gives complete
 * tracks. Stream time only moves when records arrive; where none arrive at all, a wall-clock
 * fallback applies: once the task's stream time has not moved for {@code incompleteAfterIdle},
 * every track in progress is emitted (zero: never).
 *
 * <p>The {@code done} store keeps, per emitted track, the stream time it was emitted at, for
 * {@code doneRetention} of stream time; older entries are pruned, so a duplicate arriving after
 * that is tagged again (a second record under the same key of the compacted {@code track-tags}).
 *
 * <p>A record that is not SegmentFeatures, was computed with other feature settings than the
 * model's (unless {@link Options#skipOtherSettings}), or has mis-shaped features goes to
 * {@code tagging-dlq}.
 */
public final class InferenceTopology {
    public static final String STAGE = "inference";
    public static final String PENDING = "pending-segments";
    public static final String PROGRESS = "track-progress";
    static final String DONE = "tracks-done";
    public static final String LATEST = "latest-track-tags";

    private InferenceTopology() {
    }

    /**
     * The application id of the inference stage for a model version, {@code
     * tagger-inference-NAME-VERSION}: the one its services get (TAGGER_INFERENCE_APP_ID) and
     * {@code ./tagger retag} uses, so each version reads {@code segment-features} on its own.
     */
    public static String applicationId(String modelName, String modelVersion) {
        return "tagger-inference-" + modelName + "-" + modelVersion;
    }

    /**
     * Tuning of the stage; see the class comment.
     *
     * @param skipOtherSettings drop features computed with other settings than the model's instead
     *                          of dead-lettering them: for a re-tag, which handles those tracks
     *                          from {@code audio-in} ({@link AudioReplayTopology}); a service keeps
     *                          the default, they are bad input to it
     */
    public record Options(int batchSize, Duration maxWait, Duration incompleteAfter, Duration incompleteAfterIdle,
                          Duration doneRetention, boolean skipOtherSettings) {
        /** Default of {@link #incompleteAfterIdle}: far beyond any wait of a live track's segments. */
        public static final Duration DEFAULT_INCOMPLETE_AFTER_IDLE = Duration.ofHours(1);
        /** Default of {@link #doneRetention}, in stream time. */
        public static final Duration DEFAULT_DONE_RETENTION = Duration.ofDays(7);

        public Options {
            if (batchSize < 1 || maxWait.isNegative() || maxWait.isZero() || incompleteAfter.isNegative()
                    || incompleteAfterIdle.isNegative() || doneRetention.isNegative() || doneRetention.isZero()) {
                throw new IllegalArgumentException("invalid inference options " + this);
            }
        }

        public Options(int batchSize, Duration maxWait, Duration incompleteAfter, boolean skipOtherSettings) {
            this(batchSize, maxWait, incompleteAfter, DEFAULT_INCOMPLETE_AFTER_IDLE, DEFAULT_DONE_RETENTION,
                    skipOtherSettings);
        }

        public Options(int batchSize, Duration maxWait, Duration incompleteAfter) {
            this(batchSize, maxWait, incompleteAfter, false);
        }
    }

    /**
     * @param queryable also keep every track's TrackTags of every model version in the global store
     *                  {@link #LATEST}, keyed as {@code track-tags} is (for {@code GET /tracks/{id}/tags})
     */
    public static Topology build(ServedModel model, SegmentScorer scorer, Options options, boolean queryable) {
        Topology t = new Topology();
        var bytes = Serdes.ByteArray();
        t.addSource("segment-features", bytes.deserializer(), bytes.deserializer(), Topics.SEGMENT_FEATURES);
        addScoring(t, "segment-features", model, scorer, options);
        if (queryable) {
            t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST), Serdes.String(), bytes)
                            .withLoggingDisabled(), "track-tags-source", Serdes.String().deserializer(), bytes.deserializer(),
                    Topics.TRACK_TAGS, "latest-track-tags", () -> new Processor<String, byte[], Void, Void>() {
                        private KeyValueStore<String, byte[]> store;

                        @Override
                        public void init(ProcessorContext<Void, Void> context) {
                            store = context.getStateStore(LATEST);
                        }

                        @Override
                        public void process(Record<String, byte[]> r) {
                            if (r.key() != null) {
                                store.put(r.key(), r.value());
                            }
                        }
                    });
        }
        return t;
    }

    /**
     * Adds the scoring processor ({@code "score"}), its stores and the {@code track-tags} and
     * {@code "dlq"} sinks below {@code parent}, a node that forwards SegmentFeatures bytes keyed by
     * track id.
     *
     * @param deadLetterParents other nodes that forward DeadLetter bytes to the child {@code "dlq"}
     */
    static void addScoring(Topology t, String parent, ServedModel model, SegmentScorer scorer, Options options,
                           String... deadLetterParents) {
        var bytes = Serdes.ByteArray();
        // One batch per stream thread, shared by all its tasks (partitions).
        ThreadLocal<ThreadBatch> batches = ThreadLocal.withInitial(() -> new ThreadBatch(scorer, options.batchSize()));
        t.addProcessor("score", () -> new Score(model, batches, options), parent);
        // Cached stores: a segment that waits for its batch and is scored within one commit interval,
        // and a track's progress updated ten times in it, reach RocksDB and the changelog once (a
        // tombstone or the last value) instead of every time. The cache is flushed before each
        // commit, so what is committed is what a restore would rebuild.
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING), Serdes.String(), bytes)
                .withCachingEnabled(), "score");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS), Serdes.String(), bytes)
                .withCachingEnabled(), "score");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DONE), Serdes.String(), Serdes.Long())
                .withCachingEnabled(), "score");
        t.addSink("track-tags", Topics.TRACK_TAGS, bytes.serializer(), bytes.serializer(), InferenceTopology::byTrackId, "score");
        String[] dlqParents = new String[deadLetterParents.length + 1];
        dlqParents[0] = "score";
        System.arraycopy(deadLetterParents, 0, dlqParents, 1, deadLetterParents.length);
        t.addSink("dlq", Topics.DLQ, bytes.serializer(), bytes.serializer(), dlqParents);
    }

    /** All versions of a track's tags on the partition its other records use (Kafka's default hash of the track id). */
    static Optional<Set<Integer>> byTrackId(String topic, byte[] key, byte[] value, int partitions) {
        byte[] track = Topics.trackIdOfTagsKey(new String(key, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(track)) % partitions));
    }

    static final class Score implements Processor<byte[], byte[], byte[], byte[]>, ThreadBatch.Owner {
        private final ServedModel model;
        private final ThreadLocal<ThreadBatch> batches;
        private final Options options;
        private final io.micrometer.core.instrument.Counter incomplete;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, byte[]> pending;
        private KeyValueStore<String, byte[]> progress;
        private KeyValueStore<String, Long> done;
        /** This stream thread's batch, joined on first use (Kafka Streams may init a task on another thread). */
        private ThreadBatch batch;
        private long lastExpiryMs;
        /** The task's stream time at the last wall-clock punctuation, and the wall clock when it last moved. */
        private long lastStreamTimeMs = Long.MIN_VALUE;
        private long streamTimeMovedAtMs;
        /** Record timestamps of this task's pending segments (a segment restored at a start has none: the stream time then). */
        private final java.util.Map<String, Long> pendingTimestamps = new java.util.HashMap<>();
        /** Scores of this task's segments, computed in a batch that another task's record completed. */
        private final List<Scored> ready = new ArrayList<>();

        private record Scored(String pendingKey, SegmentFeatures segment, float[] scores) {
        }

        Score(ServedModel model, ThreadLocal<ThreadBatch> batches, Options options) {
            this.model = model;
            this.batches = batches;
            this.options = options;
            this.incomplete = PipelineMetrics.incompleteTracks(model.name(), model.version());
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            pending = context.getStateStore(PENDING);
            progress = context.getStateStore(PROGRESS);
            done = context.getStateStore(DONE);
            // A task revived after corruption is initialised again without a close: start afresh
            // from its (restored) pending store.
            leave();
            // Each task looks a few times per wait whether the thread's oldest segment has waited
            // long enough: the batch is scored after the wait, not whenever one of the tasks'
            // timers happens to fire.
            long wait = options.maxWait().toMillis();
            streamTimeMovedAtMs = context.currentSystemTimeMs();
            context.schedule(Duration.ofMillis(Math.max(1, wait / 4)), PunctuationType.WALL_CLOCK_TIME, now -> {
                join();
                if (batch.due(now, wait)) {
                    batch.scoreAll();
                }
                applyReady();
                long streamTime = context.currentStreamTimeMs();
                if (streamTime != lastStreamTimeMs) {
                    lastStreamTimeMs = streamTime;
                    streamTimeMovedAtMs = now;
                }
                if (now - lastExpiryMs >= wait) {
                    lastExpiryMs = now;
                    if (!options.incompleteAfterIdle().isZero()
                            && now - streamTimeMovedAtMs >= options.incompleteAfterIdle().toMillis()) {
                        expire(Long.MAX_VALUE); // no record for that long: every track in progress
                    }
                }
            });
            // The incomplete rule and the done store's retention, in stream time.
            long timeout = options.incompleteAfter().toMillis();
            if (timeout > 0) {
                context.schedule(Duration.ofMillis(Math.max(1, Math.min(timeout / 4, 30_000))), PunctuationType.STREAM_TIME,
                        this::expire);
            }
            long retention = options.doneRetention().toMillis();
            context.schedule(Duration.ofMillis(Math.max(1, Math.min(retention / 24, 3_600_000))), PunctuationType.STREAM_TIME,
                    this::prune);
        }

        @Override
        public void process(Record<byte[], byte[]> r) {
            SegmentFeatures f;
            try {
                f = SegmentFeatures.parseFrom(r.value() == null ? new byte[0] : r.value());
            } catch (InvalidProtocolBufferException e) {
                dead(r, "not SegmentFeatures (corrupt protobuf): " + e.getMessage(), e);
                return;
            }
            String track = f.getTrackId();
            if (track.isEmpty() || r.key() == null || !new String(r.key(), StandardCharsets.UTF_8).equals(track)) {
                dead(r, "record key is not the track id '" + track + "'", null);
                return;
            }
            if (!f.getFeatureSettingsId().equals(model.featureSettingsId())) {
                if (options.skipOtherSettings()) {
                    return;
                }
                dead(r, "features computed with settings '" + f.getFeatureSettingsId() + "', the model " + model.name()
                        + " " + model.version() + " needs '" + model.featureSettingsId() + "'", null);
                return;
            }
            if (f.getSegmentCount() < 1 || f.getSegmentIndex() >= f.getSegmentCount()) {
                dead(r, "segment index " + f.getSegmentIndex() + " of " + f.getSegmentCount(), null);
                return;
            }
            float[][] inputs;
            try {
                inputs = FeatureMessages.inputs(f, model.inputs(), model.rows(), model.frames());
            } catch (IllegalArgumentException e) {
                dead(r, e.getMessage(), e);
                return;
            }
            lastStreamTimeMs = context.currentStreamTimeMs();
            streamTimeMovedAtMs = context.currentSystemTimeMs();
            join();
            applyReady(); // first: a duplicate of a segment scored but not yet applied is then seen as scored
            if (done.get(track) != null) {
                return; // the track was emitted already: a duplicate or a late segment
            }
            String key = pendingKey(track, f.getSegmentIndex());
            if (pending.get(key) != null || alreadyScored(track, f.getSegmentIndex())) {
                return; // duplicate delivery of a segment
            }
            pending.put(key, r.value());
            pendingTimestamps.put(key, r.timestamp());
            if (batch.add(this, key, f, inputs, context.currentSystemTimeMs())) {
                batch.scoreAll();
                applyReady();
            }
        }

        /**
         * Joins this thread's batch, with the segments the pending store holds (after a restart or
         * a rebalance they were restored from the changelog and are scored again).
         */
        private void join() {
            if (batch != null) {
                return;
            }
            batch = batches.get();
            List<KeyValue<String, byte[]>> restored = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = pending.all()) {
                it.forEachRemaining(restored::add);
            }
            for (KeyValue<String, byte[]> kv : restored) {
                try {
                    SegmentFeatures f = SegmentFeatures.parseFrom(kv.value);
                    batch.add(this, kv.key, f, FeatureMessages.inputs(f, model.inputs(), model.rows(), model.frames()),
                            context.currentSystemTimeMs());
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("corrupt pending state " + kv.key, e);
                }
            }
        }

        @Override
        public void scored(String pendingKey, SegmentFeatures segment, float[] scores) {
            ready.add(new Scored(pendingKey, segment, scores)); // applied in this task's own context
        }

        /** Records this task's scored segments and emits the tracks they complete. */
        private void applyReady() {
            for (Scored s : ready) {
                Long timestamp = pendingTimestamps.remove(s.pendingKey());
                if (pending.get(s.pendingKey()) != null) {
                    record(s.segment(), s.scores(), timestamp == null ? context.currentStreamTimeMs() : timestamp);
                    pending.delete(s.pendingKey());
                }
            }
            ready.clear();
        }

        @Override
        public void close() {
            leave();
        }

        /** Out of the thread's batch; the segments stay in the pending store for the task's next start. */
        private void leave() {
            if (batch != null) {
                batch.leave(this);
                batch = null;
            }
            ready.clear();
            pendingTimestamps.clear();
        }

        private boolean alreadyScored(String track, int index) {
            byte[] p = progress.get(track);
            if (p == null) {
                return false;
            }
            try {
                return TrackProgress.parseFrom(p).getSegmentsList().stream().anyMatch(s -> s.getSegmentIndex() == index);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("corrupt progress state for " + track, e);
            }
        }

        static String pendingKey(String track, int index) {
            return track + '\u0000' + index;
        }

        /** @param timestamp the segment's record timestamp */
        private void record(SegmentFeatures f, float[] scores, long timestamp) {
            String track = f.getTrackId();
            if (done.get(track) != null) {
                return;
            }
            TrackProgress.Builder p;
            byte[] old = progress.get(track);
            try {
                p = old == null ? TrackProgress.newBuilder().setTrackId(track).setSegmentCount(f.getSegmentCount())
                        .setFirstSeenMs(timestamp).setIngestTimeMs(f.getIngestTimeMs())
                        : TrackProgress.parseFrom(old).toBuilder();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("corrupt progress state for " + track, e);
            }
            SegmentScores.Builder s = SegmentScores.newBuilder().setSegmentIndex(f.getSegmentIndex());
            for (float v : scores) {
                s.addScores(v);
            }
            p.addSegments(s);
            if (p.getSegmentsCount() >= p.getSegmentCount()) {
                emit(p.build());
            } else {
                progress.put(track, p.build().toByteArray());
            }
        }

        /**
         * Emits the tracks whose first segment's timestamp is the timeout or more before {@code
         * streamTime} (incomplete tracks); {@link Long#MAX_VALUE}: every track in progress. Segments
         * still waiting for their batch are scored first, so a track is not cut short of them.
         */
        void expire(long streamTime) {
            if (options.incompleteAfter().isZero()) {
                return;
            }
            long timeout = options.incompleteAfter().toMillis();
            if (expired(streamTime).isEmpty() && pendingTimestamps.values().stream()
                    .noneMatch(ts -> streamTime == Long.MAX_VALUE || streamTime - ts >= timeout)) {
                return;
            }
            join();
            batch.scoreAll();
            applyReady();
            expired(streamTime).forEach(this::emit);
        }

        private List<TrackProgress> expired(long streamTime) {
            List<TrackProgress> expired = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = progress.all()) {
                while (it.hasNext()) {
                    TrackProgress p = TrackProgress.parseFrom(it.next().value);
                    if (streamTime == Long.MAX_VALUE || streamTime - p.getFirstSeenMs() >= options.incompleteAfter().toMillis()) {
                        expired.add(p);
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("corrupt progress state", e);
            }
            return expired;
        }

        /** Forgets the emitted tracks older than the retention (in stream time). */
        void prune(long streamTime) {
            long before = streamTime - options.doneRetention().toMillis();
            List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, Long> it = done.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value < before) {
                        old.add(kv.key);
                    }
                });
            }
            old.forEach(done::delete);
        }

        private void emit(TrackProgress p) {
            int tags = model.tags().size();
            double[] mean = new double[tags];
            List<SegmentScores> segs = new ArrayList<>(p.getSegmentsList());
            segs.sort(Comparator.comparingInt(SegmentScores::getSegmentIndex));
            for (SegmentScores s : segs) {
                for (int t = 0; t < tags; t++) {
                    mean[t] += s.getScores(t) / segs.size();
                }
            }
            TrackTags.Builder out = TrackTags.newBuilder().setTrackId(p.getTrackId()).setModelName(model.name())
                    .setModelVersion(model.version()).addAllSegments(segs).setTaggedTimeMs(System.currentTimeMillis())
                    .setIngestTimeMs(p.getIngestTimeMs()).setSegmentCount(p.getSegmentCount())
                    .setSegmentsScored(segs.size()).setFeatureSettingsId(model.featureSettingsId());
            for (int t = 0; t < tags; t++) {
                out.addScores(TagScore.newBuilder().setTag(model.tags().get(t)).setScore((float) mean[t]));
                if (mean[t] >= model.thresholds()[t]) {
                    out.addTags(model.tags().get(t));
                }
            }
            byte[] key = Topics.trackTagsKey(p.getTrackId(), model.name(), model.version()).getBytes(StandardCharsets.UTF_8);
            context.forward(new Record<>(key, out.build().toByteArray(), context.currentSystemTimeMs()), "track-tags");
            if (segs.size() < p.getSegmentCount()) {
                incomplete.increment();
            }
            done.put(p.getTrackId(), Math.max(context.currentStreamTimeMs(), p.getFirstSeenMs()));
            progress.delete(p.getTrackId());
        }

        private void dead(Record<byte[], byte[]> r, String reason, Throwable e) {
            DeadLetter d = DeadLetters.of(STAGE, reason, e, context.recordMetadata(), r.key(), r.value());
            context.forward(new Record<>(r.key(), d.toByteArray(), r.timestamp()), "dlq");
            PipelineMetrics.deadLetter(d);
        }
    }
}
