package io.tagger.e2e;

import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The committed {@code track-tags} records of some tracks, as they arrive (the tests' own reader). */
final class TrackTagsOnTopic {
    private TrackTagsOnTopic() {
    }

    /**
     * Every committed record of the tracks {@code trackIds}, by key, once each of them has one (or
     * at {@code timeout}, with those that arrived).
     */
    static Map<String, ConsumerRecord<String, byte[]>> await(String bootstrap, Collection<String> trackIds, Duration timeout) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, ConsumerRecord<String, byte[]>> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor("track-tags").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !trackIds.stream().allMatch(id -> out.keySet().stream()
                    .anyMatch(k -> k.startsWith(id + "@")))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    int at = r.key() == null ? -1 : r.key().indexOf('@');
                    if (at > 0 && trackIds.contains(r.key().substring(0, at))) {
                        out.put(r.key(), r);
                    }
                }
            }
        }
        return out;
    }

    static TrackTags parse(ConsumerRecord<String, byte[]> r) {
        try {
            return TrackTags.parseFrom(r.value());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not a TrackTags: " + r.key(), e);
        }
    }
}
