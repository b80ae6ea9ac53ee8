package io.tagger.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.proto.v1.SegmentFeatures;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a replay can re-tag: the tracks whose features are retained on {@code segment-features},
 * grouped by feature-settings id. Reads the topic once, from the start to the end it has now
 * (committed records only), without joining a consumer group.
 */
public final class RetainedTracks {
    private RetainedTracks() {
    }

    /** @param kafka client configuration (bootstrap servers, security settings) */
    public static Map<String, Set<String>> bySettings(Map<String, Object> kafka) {
        Map<String, Set<String>> out = new TreeMap<>();
        readAll(kafka, Topics.SEGMENT_FEATURES, r -> {
            try {
                SegmentFeatures f = SegmentFeatures.parseFrom(r.value() == null ? new byte[0] : r.value());
                if (!f.getTrackId().isEmpty()) {
                    out.computeIfAbsent(f.getFeatureSettingsId(), k -> new LinkedHashSet<>()).add(f.getTrackId());
                }
            } catch (InvalidProtocolBufferException e) {
                // a corrupt record went to the dead-letter topic when it was first read; nothing to re-tag
            }
        });
        return out;
    }

    /** Calls {@code each} for every committed record of {@code topic} up to its current end. */
    public static void readAll(Map<String, Object> kafka, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "tagger-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }
}
