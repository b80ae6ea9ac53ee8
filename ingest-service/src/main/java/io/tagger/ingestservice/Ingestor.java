package io.tagger.ingestservice;

import io.tagger.audio.AudioDecoder;
import io.tagger.audio.AudioDecodingException;
import io.tagger.audio.Segmenter;
import io.tagger.audio.TrackSegments;
import io.tagger.features.Architectures;
import io.tagger.pipeline.DeadLetters;
import io.tagger.pipeline.KafkaClientSecurity;
import io.tagger.pipeline.PipelineMetrics;
import io.tagger.pipeline.Topics;
import io.tagger.producer.TrackIds;
import io.tagger.producer.TrackPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes an audio file to 16 kHz mono, cuts its segments and publishes them to {@code audio-in}
 * in one transaction. Decoding keeps only the segments' samples (a few MB whatever the file's
 * length) and is bounded by {@code tagger.ingest.max-seconds} of audio and
 * {@code tagger.ingest.max-decode-time} of decoding. A file that cannot be decoded gives a clear error to the caller and a
 * {@code tagging-dlq} record (stage {@code ingest}, with up to {@code tagger.ingest.dlq-max-bytes}
 * of the original bytes).
 *
 * <p>Track ids: without a caller's id, the file's content id ({@link TrackIds}); a caller's id
 * must not have the content-id form unless it is the file's own content id ({@link
 * TrackIds#checkChosen}), and is bound to the content it was first accepted with ({@link
 * TrackClaims}, topic {@code track-ids}, written in the track's transaction): a different file
 * under a taken id is refused ({@link Conflict}), the same file again is published again as before
 * (downstream drops the repeat).
 */
@ApplicationScoped
public class Ingestor {
    private static final Logger LOG = Logger.getLogger(Ingestor.class);
    private final AudioDecoder decoder;
    private final TrackPublisher publisher;
    private final KafkaProducer<String, byte[]> dlq;
    private final int dlqMaxBytes;
    private final TrackClaims claims;
    /** Held from a chosen id's last check to its commit, so that two uploads here cannot both take one id. */
    private final Object claiming = new Object();

    public Ingestor(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                    @ConfigProperty(name = "tagger.ingest.sample-rate", defaultValue = "16000") int sampleRate,
                    @ConfigProperty(name = "tagger.ingest.segment-samples", defaultValue = "46560") int segmentSamples,
                    @ConfigProperty(name = "tagger.ingest.segments-per-track") Optional<Integer> segments,
                    @ConfigProperty(name = "tagger.ingest.max-seconds", defaultValue = "3600") double maxSeconds,
                    @ConfigProperty(name = "tagger.ingest.max-decode-time", defaultValue = "PT2M") Duration maxDecodeTime,
                    @ConfigProperty(name = "tagger.ingest.dlq-max-bytes", defaultValue = "1048576") int dlqMaxBytes,
                    @ConfigProperty(name = "tagger.ingest.transactional-id-prefix", defaultValue = "tagger-ingest-") String txPrefix,
                    @ConfigProperty(name = "tagger.ingest.instance-id", defaultValue = " ") String instanceId,
                    @ConfigProperty(name = "tagger.ingest.kafka-timeout", defaultValue = "PT60S") Duration kafkaTimeout,
                    TrackClaims claims) {
        this.claims = claims;
        decoder = AudioDecoder.builder().setSampleRate(sampleRate).optMaxSeconds(maxSeconds).optMaxDecodeTime(maxDecodeTime).build();
        Map<String, Object> security = KafkaClientSecurity.fromEnvironment(System.getenv());
        String transactionalId = txPrefix + instanceId(instanceId);
        LOG.infof("Kafka at %s, security %s, transactional id %s", bootstrap, KafkaClientSecurity.describe(security),
                transactionalId);
        Map<String, Object> kafka = new HashMap<>(security);
        kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        kafka.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // How long a send or a commit may wait for the brokers before the upload is answered 503.
        kafka.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafkaTimeout.toMillis());
        kafka.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, kafkaTimeout.toMillis()));
        kafka.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(120_000, 2 * kafkaTimeout.toMillis() + 1000));
        publisher = new TrackPublisher(kafka, new Segmenter(segmentSamples, segments.orElse(Architectures.SEGMENTS_PER_TRACK)), sampleRate);
        Map<String, Object> dlqConfig = new HashMap<>(security);
        dlqConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        dlqConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        dlqConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafkaTimeout.toMillis());
        dlq = new KafkaProducer<>(dlqConfig, new StringSerializer(), new ByteArraySerializer());
        this.dlqMaxBytes = dlqMaxBytes;
    }

    /**
     * This instance's part of its transactional id: the configured one ({@code
     * TAGGER_INGEST_INSTANCE_ID}), else the host name (a Kubernetes pod's name). Stable across
     * restarts, so a restarted instance fences and aborts the transaction its previous run left
     * open instead of leaving read-committed readers to wait for its timeout; unique per running
     * instance, or two instances fence each other.
     */
    static String instanceId(String configured) {
        String id = configured == null ? "" : configured.strip();
        if (id.isEmpty()) {
            id = System.getenv().getOrDefault("HOSTNAME", "");
        }
        if (id.isEmpty()) {
            try {
                id = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                id = "";
            }
        }
        if (id.isEmpty()) {
            id = UUID.randomUUID().toString();
            LOG.warnf("no instance id (TAGGER_INGEST_INSTANCE_ID) and no host name: a random one, %s; a restart will "
                    + "not fence this run's open transaction", id);
        }
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The caller's error: the message is the whole story. */
    public static final class RejectedAudio extends Exception {
        public RejectedAudio(String message) {
            super(message);
        }
    }

    /** The caller's track id breaks a rule ({@link TrackIds#validate}, {@link TrackIds#checkChosen}). */
    public static final class BadId extends Exception {
        public BadId(String message) {
            super(message);
        }
    }

    /** The caller's track id was accepted before with other content. */
    public static final class Conflict extends Exception {
        public Conflict(String message) {
            super(message);
        }
    }

    /**
     * @param requestedId a caller-chosen track id, or null to derive it from the content
     * @param source      a name for the audio's origin (file name, upload)
     * @throws TrackClaims.Unavailable where the ids taken so far are not known yet (retry later)
     */
    public TrackPublisher.Published ingest(Path file, String requestedId, String source)
            throws RejectedAudio, BadId, Conflict, TrackClaims.Unavailable, IOException {
        String sha256 = TrackIds.sha256(file);
        String contentId = TrackIds.ofSha256(sha256);
        String id = contentId;
        if (requestedId != null && !requestedId.isBlank()) {
            try {
                id = TrackIds.checkChosen(requestedId, contentId);
            } catch (IllegalArgumentException e) {
                throw new BadId(e.getMessage());
            }
        }
        // A content id needs no binding: it is the content's own (no one else may name it, above).
        boolean bound = !id.equals(contentId);
        if (bound) {
            checkBinding(id, sha256); // before decoding: a conflict costs no decode
        }
        TrackSegments audio;
        try {
            audio = decoder.decodeSegments(file, publisher.segmenter());
        } catch (AudioDecodingException e) {
            String reason = e.getMessage().replace(file.toString(), source);
            deadLetter(id, file, reason, e);
            throw new RejectedAudio(reason);
        }
        if (!bound) {
            return publisher.publish(id, source, audio);
        }
        synchronized (claiming) {
            checkBinding(id, sha256);
            TrackPublisher.Published p = publisher.publish(id, source, audio,
                    List.of(new ProducerRecord<>(Topics.TRACK_IDS, id, sha256.getBytes(StandardCharsets.UTF_8))));
            claims.accepted(id, sha256);
            return p;
        }
    }

    private void checkBinding(String id, String sha256) throws Conflict, TrackClaims.Unavailable {
        String taken = claims.contentOf(id, Duration.ofSeconds(10));
        if (taken != null && !taken.equals(sha256)) {
            throw new Conflict("track id '" + id + "' was uploaded before with different content (SHA-256 " + taken
                    + "); a track id keeps the content it was first accepted with: upload this file under another id, "
                    + "or without one to get its content id");
        }
    }

    private void deadLetter(String id, Path file, String reason, Throwable e) throws IOException {
        byte[] bytes;
        long size = Files.size(file);
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(size, dlqMaxBytes));
        }
        var letter = DeadLetters.of("ingest", reason + (size > dlqMaxBytes ? " (original truncated to "
                + dlqMaxBytes + " of " + size + " bytes)" : ""), e, "", -1, -1L, id.getBytes(), bytes);
        dlq.send(new ProducerRecord<>(Topics.DLQ, id, letter.toByteArray()));
        dlq.flush();
        PipelineMetrics.deadLetter(letter); // tagger_dead_letters_total{stage="ingest"}
    }

    @PreDestroy
    void close() {
        publisher.close();
        dlq.close();
    }
}
