package io.tagger.producer;

import io.tagger.audio.Segmenter;
import io.tagger.audio.TrackSegments;
import io.tagger.proto.v1.AudioSegment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Publishes a decoded track's segments to {@code audio-in} in one Kafka transaction, keyed by
 * track id: downstream sees all of a track's segments or none. Thread-safe (one transaction at a
 * time); close it to release the producer.
 *
 * <p>Kafka's rules for a transactional producer are kept, so no failure leaves the publisher
 * unusable:
 * <ul>
 *   <li>a {@code commitTransaction} that times out (no answer within {@code max.block.ms}) is
 *   never followed by an abort, which Kafka forbids (the commit may be completing): the producer
 *   is closed and the track reported {@link Unavailable} (it may or may not be committed);</li>
 *   <li>a fenced producer or one in a fatal state (another producer took the transactional id, or
 *   the broker aborted a transaction that outlived {@code transaction.timeout.ms}, an
 *   out-of-order sequence, an authorization error) is closed;</li>
 *   <li>any other error aborts the transaction; an abort that fails closes the producer.</li>
 * </ul>
 * A closed producer is built again (same transactional id) by the next {@link #publish}; its
 * {@code initTransactions} finishes or aborts whatever the old one left open. A producer that
 * cannot be built (broker unreachable) is tried again on the next call.
 */
public final class TrackPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackPublisher.class);

    private final Properties config;
    private final Segmenter segmenter;
    private final int sampleRate;
    /** The live producer, or null until the next publish builds one. */
    private KafkaProducer<String, byte[]> producer;
    private boolean closed;

    /**
     * Kafka did not confirm the track's transaction (broker unreachable or stalled, producer
     * fenced): the track may or may not be committed. Publishing it again is safe: the same id
     * and content are deduplicated downstream.
     */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param kafka client properties (bootstrap servers, security); a transactional id is
     *              required and must be unique per publisher instance, and stable across its
     *              restarts so that a restart fences what the previous run left open
     * @throws KafkaException where the configuration is refused (bad settings, authentication)
     */
    public TrackPublisher(Map<String, Object> kafka, Segmenter segmenter, int sampleRate) {
        Properties p = new Properties();
        p.putAll(kafka);
        if (!p.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            throw new IllegalArgumentException("a TrackPublisher needs " + ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        // PCM hardly compresses (float32: about 10% with lz4) and compression costs CPU three times:
        // in this producer, in the broker's validation and in the consumer.
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // A track's segments (~93 KB each) in batches of up to 1 MB (Kafka's default message size
        // limit), sent when full or when the commit flushes them: 1 or 2 produce requests per 29 s
        // track instead of 10 (the local broker: ~9 -> ~8 ms of CPU per track with float32 PCM).
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1000);
        this.config = p;
        this.segmenter = segmenter;
        this.sampleRate = sampleRate;
        try {
            producer(); // at once: a restart fences its previous run's open transaction now, not at the first track
        } catch (Unavailable e) {
            if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                throw (KafkaException) e.getCause();
            }
            LOG.warn("Kafka is not reachable yet ({}); the first track will try again", e.getCause().toString());
        }
    }

    /** What was published. */
    public record Published(String trackId, int segments, boolean zeroPadded) {
    }

    /** Cuts a whole track in memory with this publisher's segmenter and publishes its segments. */
    public Published publish(String trackId, String source, float[] samples) {
        return publish(trackId, source, TrackSegments.cut(segmenter, samples, sampleRate));
    }

    /**
     * Publishes a track's segments ({@code AudioDecoder.decodeSegments} with this publisher's segmenter).
     *
     * @throws Unavailable where Kafka did not confirm the transaction; the next call starts afresh
     */
    public Published publish(String trackId, String source, TrackSegments track) {
        return publish(trackId, source, track, List.of());
    }

    /**
     * Publishes the track's segments and {@code alongside} (records for other topics, such as the
     * ingest's {@code track-ids}) in one transaction: all of them or none.
     *
     * @throws Unavailable where Kafka did not confirm the transaction; the next call starts afresh
     */
    public synchronized Published publish(String trackId, String source, TrackSegments track,
                                          List<ProducerRecord<String, byte[]>> alongside) {
        if (trackId == null || trackId.isBlank()) {
            throw new IllegalArgumentException("a track needs an id");
        }
        if (track.segmentSamples() != segmenter.segmentSamples() || track.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("segments of " + track.segmentSamples() + " samples at " + track.sampleRate()
                    + " Hz, the publisher's are " + segmenter.segmentSamples() + " at " + sampleRate + " Hz");
        }
        List<Segmenter.Segment> plan = track.plan();
        long now = System.currentTimeMillis();
        byte[] pcm = new byte[segmenter.segmentSamples() * Short.BYTES];
        KafkaProducer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            for (int i = 0; i < plan.size(); i++) {
                Segmenter.Segment s = plan.get(i);
                float[] own = track.pcm().get(i);
                AudioSegment.Builder b = AudioSegment.newBuilder().setTrackId(trackId).setSegmentIndex(s.index())
                        .setSegmentCount(s.count()).setSampleRate(sampleRate).setSource(source).setIngestTimeMs(now)
                        .setZeroPadded(s.zeroPadded());
                AudioSegments.setPcm(b, own, 0, own.length, segmenter.segmentSamples(), pcm);
                p.send(new ProducerRecord<>(AudioSegments.TOPIC, trackId, b.build().toByteArray()));
            }
            for (ProducerRecord<String, byte[]> r : alongside) {
                p.send(r);
            }
        } catch (KafkaException | IllegalStateException e) {
            throw failed(trackId, e, false);
        }
        try {
            p.commitTransaction();
        } catch (KafkaException | IllegalStateException e) {
            throw failed(trackId, e, true);
        }
        return new Published(trackId, plan.size(), plan.get(0).zeroPadded());
    }

    /** Leaves the producer usable after {@code e}, or closes it; the error to throw. */
    private RuntimeException failed(String trackId, RuntimeException e, boolean committing) {
        if (committing && (e instanceof TimeoutException || e instanceof InterruptException)) {
            // Kafka: a commit that timed out may still complete; the only choices are to retry it or
            // close the producer. Closed, the next producer's initTransactions finishes it either way.
            discard("the commit of track " + trackId + " was not confirmed in time", e);
            return new Unavailable("Kafka did not confirm track " + trackId + " in time (it may or may not be "
                    + "published; publishing it again is safe)", e);
        }
        if (fatal(e)) {
            discard("the producer cannot go on", e);
            return new Unavailable("Kafka refused track " + trackId + ": " + e.getMessage(), e);
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException abortFailed) {
            discard("the abort of track " + trackId + " failed (" + abortFailed + ")", e);
            return new Unavailable("Kafka did not take track " + trackId + ": " + e.getMessage(), e);
        }
        return e instanceof TimeoutException ? new Unavailable("Kafka did not take track " + trackId + " in time", e) : e;
    }

    /** The errors after which Kafka allows only closing the producer. */
    private static boolean fatal(Throwable e) {
        return e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                || e instanceof OutOfOrderSequenceException || e instanceof AuthorizationException
                || e instanceof AuthenticationException || e instanceof UnsupportedVersionException
                || e instanceof IllegalStateException; // the producer is already in a fatal error state
    }

    private void discard(String why, Throwable e) {
        LOG.warn("closing the Kafka producer {}: {}; the next track builds a new one", config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG),
                why, e);
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(Duration.ZERO);
            } catch (KafkaException ignored) {
                // closing anyway
            }
        }
    }

    /** The producer, built and its transactions initialised where there is none. */
    private KafkaProducer<String, byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("the publisher is closed");
        }
        if (producer == null) {
            KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            try {
                p.initTransactions();
            } catch (KafkaException e) {
                p.close(Duration.ZERO);
                throw new Unavailable("Kafka is not available: " + e.getMessage(), e);
            }
            producer = p;
        }
        return producer;
    }

    /** Whether a producer is ready (false after a failure until the next publish builds one). */
    public synchronized boolean ready() {
        return producer != null;
    }

    /** The producer's metrics (requests, batches, errors), as Kafka names them; none while there is no producer. */
    public synchronized Map<MetricName, ? extends Metric> metrics() {
        return producer == null ? Map.of() : producer.metrics();
    }

    /** The segmenter whose segments this publisher sends (decode with it). */
    public Segmenter segmenter() {
        return segmenter;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
