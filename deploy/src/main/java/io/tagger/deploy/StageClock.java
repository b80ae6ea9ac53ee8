package io.tagger.deploy;

import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The pipeline benchmark's stopwatch: reads {@code TOPIC} (committed records, from the start) until
 * {@code COUNT} records arrived and prints, on one line, the wall-clock epoch milliseconds of the
 * first and of the COUNT-th record's arrival. On {@code track-tags} it also prints the p50 and p99
 * of each track's latency from ingest (the segments' publish) to its TrackTags.
 * Usage: StageClock BOOTSTRAP TOPIC COUNT [TIMEOUT_S [SINCE_MS [SKIP]]]; with SINCE_MS, only
 * TrackTags of tracks ingested at or after that epoch millisecond count; with SKIP, the first SKIP
 * records are a warm-up: "first" is the arrival of the last of them and COUNT records follow it
 * (without SKIP, "first" is the arrival of the first record).
 * Output: {@code first_ms last_ms count [p50_ms p99_ms]}.
 */
public final class StageClock {
    public static void main(String[] args) {
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        long timeout = args.length > 3 ? Long.parseLong(args[3]) * 1000 : 3_600_000L;
        long since = args.length > 4 ? Long.parseLong(args[4]) : 0;
        int skip = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "stage-clock-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<Long> latencies = new ArrayList<>();
        long first = 0;
        long last = 0;
        int seen = 0;
        long deadline = System.currentTimeMillis() + timeout;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen < count + skip && System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> r : batch) {
                    if (seen == count + skip) {
                        break;
                    }
                    if (topic.equals("track-tags")) {
                        try {
                            TrackTags t = TrackTags.parseFrom(r.value());
                            if (t.getIngestTimeMs() < since) {
                                continue;
                            }
                            if (seen >= skip) {
                                latencies.add(t.getTaggedTimeMs() - t.getIngestTimeMs());
                            }
                        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                            throw new IllegalStateException("not a TrackTags on track-tags", e);
                        }
                    }
                    if (seen == Math.max(0, skip - 1)) {
                        first = now;
                    }
                    seen++;
                    last = now;
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d %d %d", first, last, seen - skip));
        if (!latencies.isEmpty()) {
            Collections.sort(latencies);
            out.append(String.format(Locale.ROOT, " %d %d", percentile(latencies, 0.50), percentile(latencies, 0.99)));
        }
        System.out.println(out);
        System.exit(seen >= count + skip ? 0 : 1);
    }

    static long percentile(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
