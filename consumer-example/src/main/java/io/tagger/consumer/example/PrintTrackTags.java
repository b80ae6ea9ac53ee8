package io.tagger.consumer.example;

import io.tagger.proto.v1.TagScore;
import io.tagger.proto.v1.TrackTags;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads {@code track-tags} from the start with {@code read_committed} and prints each track's
 * latest tags (docs/consuming.md):
 *
 * <pre>
 * java -cp "consumer-example/target/tagger-consumer-example.jar:consumer-example/target/lib/*" \
 *     io.tagger.consumer.example.PrintTrackTags --bootstrap-servers kafka:9093 \
 *     [--config client.properties] [--version MODEL_NAME:MODEL_VERSION] [--follow]
 * </pre>
 *
 * Without {@code --follow} it stops once it has read every record committed when it started and
 * prints one line per track; with it, it goes on and prints a line whenever a track's latest tags
 * change. It reads all partitions itself ({@code assign}, no consumer group): the topic is
 * compacted, so reading it from the start rebuilds the whole current state.
 */
public final class PrintTrackTags {
    public static final String TOPIC = "track-tags";

    private PrintTrackTags() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out, args));
    }

    /** The example's work, printing to {@code out}; returns the exit code (tests call this). */
    public static int run(PrintStream out, String... args) throws IOException {
        String servers = null;
        Path config = null;
        String version = null;
        boolean follow = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-servers" -> servers = i + 1 < args.length ? args[++i] : null;
                case "--config" -> config = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--version" -> version = i + 1 < args.length ? args[++i] : null;
                case "--follow" -> follow = true;
                default -> servers = null;
            }
        }
        if (servers == null) {
            System.err.println("usage: PrintTrackTags --bootstrap-servers HOST:PORT [--config client.properties] "
                    + "[--version MODEL_NAME:MODEL_VERSION] [--follow]");
            return 2;
        }
        Map<String, Object> kafka = new HashMap<>();
        if (config != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
            p.forEach((k, v) -> kafka.put(String.valueOf(k), v));
        }
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        LatestTrackTags tags = new LatestTrackTags(version);
        read(kafka, tags, follow, follow ? track -> tags.latest(track).ifPresent(t -> out.println(line(t))) : track -> { });
        if (!follow) {
            tags.latest().values().forEach(t -> out.println(line(t)));
        }
        return 0;
    }

    /** Told of the track of each record read (its latest tags may have changed). */
    public interface Updates {
        void changed(String trackId);
    }

    /**
     * Reads {@code track-tags} from its start into {@code tags}, telling {@code updates} of each
     * record's track: until the end the topic had when the read began, or for ever ({@code follow}).
     */
    public static void read(Map<String, Object> kafka, LatestTrackTags tags, boolean follow, Updates updates) {
        Map<String, Object> c = new HashMap<>(kafka);
        // Only committed transactions: never a TrackTags whose transaction the pipeline aborted.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "recommender-example");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map((PartitionInfo p) -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets (nothing beyond an open transaction)
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            boolean caughtUp = false;
            while (follow || !caughtUp) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null) {
                        continue; // not a record of this contract
                    }
                    try {
                        var track = tags.apply(r.key(), r.value());
                        if (track.isPresent()) {
                            updates.changed(track.get());
                        }
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        System.err.println("skipped a record that is not a TrackTags: " + r.topic() + "-" + r.partition()
                                + "@" + r.offset());
                    }
                }
                caughtUp = caughtUp || partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            }
        }
    }

    /** {@code TRACK  NAME:VERSION  10/10  tag tag ...  (top: tag 0.97, ...)} */
    static String line(TrackTags t) {
        String top = t.getScoresList().stream().sorted(Comparator.comparingDouble(TagScore::getScore).reversed()).limit(3)
                .map(s -> String.format(Locale.ROOT, "%s %.2f", s.getTag(), s.getScore())).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s\t%s\t%d/%d segments%s\ttags: %s\ttop: %s", t.getTrackId(), LatestTrackTags.version(t),
                t.getSegmentsScored(), t.getSegmentCount(), LatestTrackTags.complete(t) ? "" : " (incomplete)",
                String.join(", ", t.getTagsList()), top);
    }
}
