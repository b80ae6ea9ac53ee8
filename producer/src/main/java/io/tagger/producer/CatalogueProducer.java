package io.tagger.producer;

import io.tagger.audio.AudioDecoder;
import io.tagger.audio.AudioDecodingException;
import io.tagger.audio.Segmenter;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Pushes catalogue tracks to {@code audio-in} without the ingest service, keeping the contract of
 * docs/producing.md: a file is decoded to 16 kHz mono, cut into the model's segments and published
 * in one Kafka transaction per track, keyed by its track id.
 *
 * <pre>{@code
 * try (CatalogueProducer producer = CatalogueProducer.builder()
 *         .setBootstrapServers("kafka:9093")
 *         .optTransactionalId("catalogue-producer-label-1")
 *         .optSecurity(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
 *                 "sasl.jaas.config", jaasFromTheKafkaUserSecret))
 *         .build()) {
 *     TrackPublisher.Published p = producer.push(Path.of("song.mp3"));
 * }
 * }</pre>
 *
 * Thread-safe (one track's transaction at a time). A push that throws
 * {@link TrackPublisher.Unavailable} may or may not have been published: pushing the same track
 * again is safe, the pipeline drops the duplicate.
 */
public final class CatalogueProducer implements AutoCloseable {
    // The segment geometry of docs/producing.md, for writers that have no model bundle. The models'
    // own are io.tagger.features.Architectures' (a bundle records them): this library does not
    // depend on the feature library, so it states them here, and the pipeline's
    // SegmentGeometryTest keeps the two equal (e2e's CatalogueProducerTest: equal to the shipped bundle's).
    /** The sample rate of every segment on {@code audio-in}, Hz. */
    public static final int SAMPLE_RATE = 16000;
    /** Samples per segment: 2.91 s at 16 kHz. */
    public static final int SEGMENT_SAMPLES = 46560;
    /** Segments per track, as the served models cut tracks. */
    public static final int SEGMENTS_PER_TRACK = 10;
    /** The prefix of the transactional ids the {@code tagger-producer} KafkaUser may use. */
    public static final String TRANSACTIONAL_ID_PREFIX = "catalogue-producer-";

    private final TrackPublisher publisher;
    private final AudioDecoder decoder;
    private final String transactionalId;

    private CatalogueProducer(TrackPublisher publisher, AudioDecoder decoder, String transactionalId) {
        this.publisher = publisher;
        this.decoder = decoder;
        this.transactionalId = transactionalId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code setBootstrapServers} is required; everything else has a default.
     */
    public static final class Builder {
        private String bootstrapServers;
        private String transactionalId;
        private final Map<String, Object> settings = new HashMap<>();
        private int segmentsPerTrack = SEGMENTS_PER_TRACK;
        private double maxSeconds = AudioDecoder.DEFAULT_MAX_SECONDS;
        private Duration kafkaTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The brokers, {@code host:port[,host:port...]}. */
        public Builder setBootstrapServers(String bootstrapServers) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrap servers must not be blank");
            }
            this.bootstrapServers = bootstrapServers.strip();
            return this;
        }

        /**
         * This producer's transactional id: one per producer instance, the same across its restarts
         * (so a restart fences and aborts the transaction a crashed run left open), never shared by
         * two instances running at once (they would fence each other). With the
         * {@code tagger-producer} KafkaUser it must start with {@value #TRANSACTIONAL_ID_PREFIX}.
         * Default: that prefix and a random UUID (safe, but a crashed run's open transaction then
         * holds back read_committed readers of its partitions until it times out).
         */
        public Builder optTransactionalId(String transactionalId) {
            if (transactionalId == null || transactionalId.isBlank()) {
                throw new IllegalArgumentException("transactional id must not be blank");
            }
            this.transactionalId = transactionalId.strip();
            return this;
        }

        /**
         * Kafka client security settings ({@code security.protocol}, {@code sasl.mechanism},
         * {@code sasl.jaas.config}, {@code ssl.truststore.*}): for the {@code tagger-producer}
         * KafkaUser, SCRAM-SHA-512 and the {@code sasl.jaas.config} of its Secret.
         */
        public Builder optSecurity(Map<?, ?> security) {
            security.forEach((k, v) -> settings.put(String.valueOf(k), v));
            return this;
        }

        /** Any other Kafka producer setting (the library's own, below, win: see docs/producing.md). */
        public Builder optProperty(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** Segments per track (default {@value #SEGMENTS_PER_TRACK}, what the served model expects). */
        public Builder optSegmentsPerTrack(int segmentsPerTrack) {
            if (segmentsPerTrack < 1 || segmentsPerTrack > 1000) {
                throw new IllegalArgumentException("segments per track must be in [1, 1000], got " + segmentsPerTrack);
            }
            this.segmentsPerTrack = segmentsPerTrack;
            return this;
        }

        /** Files longer than this are refused (default one hour). */
        public Builder optMaxSeconds(double maxSeconds) {
            if (!(maxSeconds > 0)) {
                throw new IllegalArgumentException("max seconds must be positive");
            }
            this.maxSeconds = maxSeconds;
            return this;
        }

        /** How long a push may wait for the brokers before it fails as Unavailable (default 60 s). */
        public Builder optKafkaTimeout(Duration kafkaTimeout) {
            if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
                throw new IllegalArgumentException("the Kafka timeout must be positive");
            }
            this.kafkaTimeout = kafkaTimeout;
            return this;
        }

        /**
         * Connects and initialises the producer's transactions (fencing what an earlier run with
         * the same transactional id left open).
         *
         * @throws org.apache.kafka.common.KafkaException where Kafka refuses the settings or the credentials
         */
        public CatalogueProducer build() {
            if (bootstrapServers == null) {
                throw new IllegalStateException("setBootstrapServers is required");
            }
            String id = transactionalId != null ? transactionalId : TRANSACTIONAL_ID_PREFIX + UUID.randomUUID();
            Map<String, Object> kafka = new HashMap<>(settings);
            kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            kafka.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            kafka.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, id);
            long timeout = kafkaTimeout.toMillis();
            kafka.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout);
            kafka.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, timeout));
            kafka.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(120_000, 2 * timeout + 1000));
            AudioDecoder decoder = AudioDecoder.builder().setSampleRate(SAMPLE_RATE).optMaxSeconds(maxSeconds).build();
            TrackPublisher publisher = new TrackPublisher(kafka, new Segmenter(SEGMENT_SAMPLES, segmentsPerTrack), SAMPLE_RATE);
            return new CatalogueProducer(publisher, decoder, id);
        }
    }

    /** The transactional id this producer uses. */
    public String transactionalId() {
        return transactionalId;
    }

    /**
     * Decodes {@code audioFile} (any format FFmpeg reads) and publishes it under the id derived
     * from its bytes ({@link TrackIds#of(Path)}: the same file always gets the same id).
     *
     * @throws AudioDecodingException      where the file is not audio, empty or too long (nothing is published)
     * @throws TrackPublisher.Unavailable where Kafka did not confirm the transaction; pushing again is safe
     */
    public TrackPublisher.Published push(Path audioFile) throws IOException, AudioDecodingException {
        return push(TrackIds.of(audioFile), audioFile);
    }

    /**
     * As {@link #push(Path)}, under a caller-chosen id (1-200 characters of letters, digits and
     * {@code . _ - : /}; {@link TrackIds#validate}).
     */
    public TrackPublisher.Published push(String trackId, Path audioFile) throws AudioDecodingException {
        TrackIds.validate(trackId);
        return publisher.publish(trackId, audioFile.getFileName().toString(), decoder.decode(audioFile).samples());
    }

    /**
     * Publishes decoded mono samples (full scale +-1) under a caller-chosen id.
     *
     * @param sampleRate the samples' rate: must be {@value #SAMPLE_RATE} Hz (resample first; files
     *                   given to {@link #push(Path)} are resampled by FFmpeg)
     * @throws IllegalArgumentException for an invalid id, another sample rate, no samples or a non-finite sample
     */
    public TrackPublisher.Published push(String trackId, float[] samples, int sampleRate) {
        TrackIds.validate(trackId);
        if (sampleRate != SAMPLE_RATE) {
            throw new IllegalArgumentException("samples at " + sampleRate + " Hz: audio-in carries " + SAMPLE_RATE
                    + " Hz mono; resample first");
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("track " + trackId + " has no samples");
        }
        for (float x : samples) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("track " + trackId + " has a NaN or infinite sample");
            }
        }
        return publisher.publish(trackId, trackId, samples);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
