package io.tagger.ingestservice;

import io.quarkus.runtime.Startup;
import io.tagger.pipeline.KafkaClientSecurity;
import io.tagger.pipeline.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which content each caller-chosen track id was accepted with: a view of the compacted topic
 * {@code track-ids} (id -> SHA-256 of the file), which the ingest service writes in the same
 * transaction as a track's segments. A thread reads the topic from its start (read-committed, no
 * consumer group) and then follows it, so the view also learns the other replicas' ids, within a
 * poll (about a second) of their commit. Until it has read up to the end once, {@link #contentOf}
 * waits, then answers "unavailable" (readiness is DOWN meanwhile, see {@link #loaded}).
 *
 * <p>Memory: one entry per caller-chosen id (the id and 64 hex digits, about 200 bytes), none for
 * content ids.
 */
@Startup
@ApplicationScoped
public class TrackClaims {
    private static final Logger LOG = Logger.getLogger(TrackClaims.class);

    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<String, Object> config;
    private final Thread reader;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    /** The view is still loading (or Kafka does not answer): the caller may retry. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    public TrackClaims(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        Map<String, Object> c = new HashMap<>(KafkaClientSecurity.fromEnvironment(System.getenv()));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "tagger-ingest-track-ids");
        this.config = c;
        reader = new Thread(this::read, "track-ids-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The SHA-256 the id was accepted with, or null if it was not; waits up to {@code wait} for
     * the view's first load.
     */
    public String contentOf(String id, Duration wait) throws Unavailable {
        try {
            if (!loaded.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable("the registry of track ids (topic " + Topics.TRACK_IDS + ") is not loaded yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        return claims.get(id);
    }

    /** Records an id this replica has just committed (the reader will see it again, to the same effect). */
    public void accepted(String id, String sha256) {
        claims.put(id, sha256);
    }

    /** Whether the view has been read up to the topic's end once. */
    public boolean loaded() {
        return loaded.getCount() == 0;
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    return;
                }
                List<PartitionInfo> infos = c.partitionsFor(Topics.TRACK_IDS, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    LOG.warnf("topic %s not found; caller-chosen track ids are refused (503) until it exists", Topics.TRACK_IDS);
                    pause();
                    continue;
                }
                List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(10));
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        if (r.key() == null) {
                            continue;
                        }
                        if (r.value() == null) {
                            claims.remove(r.key());
                        } else {
                            claims.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
                        }
                    }
                    if (loaded.getCount() > 0 && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        LOG.infof("track ids loaded: %d caller-chosen ids", claims.size());
                        loaded.countDown();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                if (running) {
                    LOG.warnf("reading %s failed (%s); trying again", Topics.TRACK_IDS, e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            stopping.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @PreDestroy
    void close() {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup(); // not an interrupt: the consumer's close would log it as an error
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
