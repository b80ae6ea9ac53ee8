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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes an audio file to 16 kHz mono, cuts its segments and publishes them to {@code audio-in}
 * in one transaction. Decoding keeps only the segments' samples (a few MB whatever the file's
 * length) and is bounded by {@code tagger.ingest.max-seconds} of audio and
 * {@code tagger.ingest.max-decode-time} of decoding. A file that cannot be decoded gives a clear error to the caller and a
 * {@code tagging-dlq} record (stage {@code ingest}, with up to {@code tagger.ingest.dlq-max-bytes}
 * of the original bytes).
 */
@ApplicationScoped
public class Ingestor {
    private static final Logger LOG = Logger.getLogger(Ingestor.class);
    private final AudioDecoder decoder;
    private final TrackPublisher publisher;
    private final KafkaProducer<String, byte[]> dlq;
    private final int dlqMaxBytes;

    public Ingestor(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                    @ConfigProperty(name = "tagger.ingest.sample-rate", defaultValue = "16000") int sampleRate,
                    @ConfigProperty(name = "tagger.ingest.segment-samples", defaultValue = "46560") int segmentSamples,
                    @ConfigProperty(name = "tagger.ingest.segments-per-track", defaultValue = "" + Architectures.SEGMENTS_PER_TRACK) int segments,
                    @ConfigProperty(name = "tagger.ingest.max-seconds", defaultValue = "3600") double maxSeconds,
                    @ConfigProperty(name = "tagger.ingest.max-decode-time", defaultValue = "PT2M") Duration maxDecodeTime,
                    @ConfigProperty(name = "tagger.ingest.dlq-max-bytes", defaultValue = "1048576") int dlqMaxBytes,
                    @ConfigProperty(name = "tagger.ingest.transactional-id-prefix", defaultValue = "tagger-ingest-") String txPrefix,
                    @ConfigProperty(name = "tagger.ingest.instance-id", defaultValue = " ") String instanceId,
                    @ConfigProperty(name = "tagger.ingest.kafka-timeout", defaultValue = "PT60S") Duration kafkaTimeout) {
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
        publisher = new TrackPublisher(kafka, new Segmenter(segmentSamples, segments), sampleRate);
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

    /**
     * @param requestedId a caller-chosen track id, or null to derive it from the content
     * @param source      a name for the audio's origin (file name, upload)
     */
    public TrackPublisher.Published ingest(Path file, String requestedId, String source) throws RejectedAudio, IOException {
        String id;
        try {
            id = requestedId != null && !requestedId.isBlank() ? TrackIds.validate(requestedId) : TrackIds.of(file);
        } catch (IllegalArgumentException e) {
            throw new RejectedAudio(e.getMessage());
        }
        TrackSegments audio;
        try {
            audio = decoder.decodeSegments(file, publisher.segmenter());
        } catch (AudioDecodingException e) {
            String reason = e.getMessage().replace(file.toString(), source);
            deadLetter(id, file, reason, e);
            throw new RejectedAudio(reason);
        }
        return publisher.publish(id, source, audio);
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
