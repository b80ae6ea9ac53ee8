package io.tagger.deploy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads every committed record of {@code track-tags} and prints "records distinct duplicates":
 * the fault test's check that each track was tagged exactly once. Usage: CountTrackTags BOOTSTRAP.
 */
public final class CountTrackTags {
    public static void main(String[] args) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "127.0.0.1:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> perTrack = new HashMap<>();
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("track-tags"));
            long idleSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - idleSince < 5000) {
                var batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    idleSince = System.currentTimeMillis();
                }
                for (ConsumerRecord<String, byte[]> r : batch) {
                    records++;
                    perTrack.merge(r.key(), 1, Integer::sum); // one key per (track, model version)
                }
            }
        }
        long dup = perTrack.values().stream().filter(n -> n > 1).count();
        System.out.println(records + " " + perTrack.size() + " " + dup);
    }
}
