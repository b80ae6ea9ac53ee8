package io.tagger.pipeline;

import io.tagger.audio.Segmenter;
import io.tagger.audio.TrackSegments;
import io.tagger.proto.v1.AudioSegment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Publishes a decoded track's segments to {@code audio-in} in one Kafka transaction, keyed by
 * track id: downstream sees all of a track's segments or none. Thread-safe (one transaction at a
 * time); close it to release the producer.
 */
public final class TrackPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Segmenter segmenter;
    private final int sampleRate;

    /**
     * @param kafka           client properties (bootstrap servers, security); a transactional id
     *                        is required and must be unique per publisher instance
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
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        this.segmenter = segmenter;
        this.sampleRate = sampleRate;
    }

    /** What was published. */
    public record Published(String trackId, int segments, boolean zeroPadded) {
    }

    /** Cuts a whole track in memory with this publisher's segmenter and publishes its segments. */
    public Published publish(String trackId, String source, float[] samples) {
        return publish(trackId, source, TrackSegments.cut(segmenter, samples, sampleRate));
    }

    /** Publishes a track's segments ({@code AudioDecoder.decodeSegments} with this publisher's segmenter). */
    public synchronized Published publish(String trackId, String source, TrackSegments track) {
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
        producer.beginTransaction();
        try {
            for (int i = 0; i < plan.size(); i++) {
                Segmenter.Segment s = plan.get(i);
                float[] own = track.pcm().get(i);
                AudioSegment.Builder b = AudioSegment.newBuilder().setTrackId(trackId).setSegmentIndex(s.index())
                        .setSegmentCount(s.count()).setSampleRate(sampleRate).setSource(source).setIngestTimeMs(now)
                        .setZeroPadded(s.zeroPadded());
                FeatureMessages.setPcm(b, own, 0, own.length, segmenter.segmentSamples(), pcm);
                producer.send(new ProducerRecord<>(Topics.AUDIO_IN, trackId, b.build().toByteArray()));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e; // another publisher took this transactional id: this one is done
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
        return new Published(trackId, plan.size(), plan.get(0).zeroPadded());
    }

    /** The segmenter whose segments this publisher sends (decode with it). */
    public Segmenter segmenter() {
        return segmenter;
    }

    /** The producer's metrics (requests, batches, errors), as Kafka names them. */
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public void close() {
        producer.close();
    }
}
