package io.tagger.pipeline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.DeadLetter;
import io.tagger.proto.v1.SegmentFeatures;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads {@code tagging-dlq} for {@code ./tagger dlq}: every committed dead letter of a range of
 * its positions (read_committed, so the dead letters of aborted stream transactions are not
 * seen), the most recent ones, or one by its position. A record on the topic that is not a
 * DeadLetter is counted as unreadable and skipped.
 */
public final class DeadLetterReader {
    /** How long a scan waits for the broker to return records it knows are there. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final Map<String, Object> client;
    private final String topic;

    /** @param client the Kafka client's settings: bootstrap servers, TLS/SASL ({@link KafkaClientSecurity}) */
    public DeadLetterReader(Map<String, Object> client) {
        this(client, Topics.DLQ);
    }

    DeadLetterReader(Map<String, Object> client, String topic) {
        this.client = Map.copyOf(client);
        this.topic = topic;
    }

    /** A dead letter and where it is on {@code tagging-dlq}. */
    public record Entry(int partition, long offset, long timestampMs, DeadLetter letter) {
        /** {@code PARTITION:OFFSET} on {@code tagging-dlq}: what {@code dlq show} takes. */
        public String position() {
            return partition + ":" + offset;
        }

        /** The kind of its reason ({@link DeadLetterReasons}). */
        public String kind() {
            return DeadLetterReasons.of(letter);
        }

        /** Whether the original value was too large to keep whole. */
        public boolean truncated() {
            return isTruncated(letter);
        }
    }

    /**
     * Positions on {@code tagging-dlq}: one partition or all (null), offsets from and to (inclusive;
     * null: the start, the end).
     */
    public record Range(Integer partition, Long from, Long to) {
        public static final Range ALL = new Range(null, null, null);

        public Range {
            if (from != null && to != null && from > to) {
                throw new IllegalArgumentException("offset range " + from + ".." + to + " is empty");
            }
            if ((from != null || to != null) && partition == null) {
                // offsets are per partition: a range over several would mean different records on each
                throw new IllegalArgumentException("an offset range needs the partition of " + Topics.DLQ + " it is on");
            }
        }
    }

    public static boolean isTruncated(DeadLetter d) {
        return d.getOriginalValueSize() > d.getOriginalValue().size();
    }

    /** Parses a {@code PARTITION:OFFSET} position. */
    public static long[] parsePosition(String s) {
        int colon = s.indexOf(':');
        try {
            if (colon > 0) {
                return new long[]{Integer.parseInt(s.substring(0, colon)), Long.parseLong(s.substring(colon + 1))};
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + s + "' is not a position PARTITION:OFFSET on " + Topics.DLQ
                + " (as dlq list shows them)");
    }

    /**
     * Hands every committed dead letter in {@code range} to {@code each}, partition by partition in
     * offset order, up to the end of each partition as it was when the scan began.
     *
     * @return how many records were not DeadLetters (skipped)
     */
    public int scan(Range range, Consumer<Entry> each) {
        return scan(range, 0, each);
    }

    /** {@link #scan(Range, Consumer)}, reading only the last {@code tail} offsets of each partition when tail > 0. */
    private int scan(Range range, long tail, Consumer<Entry> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> parts = partitions(consumer, range.partition());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, Long> stop = new HashMap<>();
            for (TopicPartition tp : parts) {
                long from = Math.max(begin.get(tp), range.from() == null ? 0 : range.from());
                if (tail > 0) {
                    from = Math.max(from, end.get(tp) - tail);
                }
                long to = Math.min(end.get(tp), range.to() == null ? Long.MAX_VALUE : range.to() + 1);
                if (from < to) {
                    start.put(tp, from);
                    stop.put(tp, to);
                }
            }
            return read(consumer, start, stop, each);
        }
    }

    /**
     * The {@code n} most recent dead letters in {@code range} that {@code filter} accepts, oldest
     * first (by the dead letter's time, then position).
     */
    public List<Entry> recent(int n, Range range, Predicate<Entry> filter) {
        if (n <= 0) {
            return List.of();
        }
        Comparator<Entry> order = Comparator.comparingLong(Entry::timestampMs).thenComparingInt(Entry::partition)
                .thenComparingLong(Entry::offset);
        java.util.PriorityQueue<Entry> newest = new java.util.PriorityQueue<>(order);
        Consumer<Entry> keep = e -> {
            if (filter.test(e)) {
                newest.add(e);
                if (newest.size() > n) {
                    newest.poll();
                }
            }
        };
        // Without a filter and a range only the last n of each partition can be among the n newest: read at
        // least n records back (aborted transactions' records and markers make it a few more).
        scan(range, filter == ALL && range.from() == null && range.to() == null ? 2L * n + 16 : 0, keep);
        List<Entry> out = new ArrayList<>(newest);
        out.sort(order);
        return out;
    }

    /** Accepts every dead letter (lets {@link #recent} read only the ends of the partitions). */
    public static final Predicate<Entry> ALL = e -> true;

    /** The dead letter at a position, if there is a committed one there. */
    public Optional<Entry> at(int partition, long offset) {
        List<Entry> found = new ArrayList<>();
        scan(new Range(partition, offset, offset), found::add);
        return found.stream().filter(e -> e.offset() == offset).findFirst();
    }

    private int read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> start,
                     Map<TopicPartition, Long> stop, Consumer<Entry> each) {
        if (start.isEmpty()) {
            return 0;
        }
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
        ArrayDeque<TopicPartition> open = new ArrayDeque<>(start.keySet());
        int unreadable = 0;
        long lastProgress = System.nanoTime();
        while (!open.isEmpty()) {
            boolean any = false;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() >= stop.get(tp)) {
                    continue;
                }
                any = true;
                try {
                    each.accept(new Entry(r.partition(), r.offset(), r.timestamp(),
                            DeadLetter.parseFrom(r.value() == null ? new byte[0] : r.value())));
                } catch (InvalidProtocolBufferException e) {
                    unreadable++;
                }
            }
            for (var it = open.iterator(); it.hasNext(); ) {
                TopicPartition tp = it.next();
                if (consumer.position(tp) >= stop.get(tp)) {
                    it.remove();
                    consumer.pause(List.of(tp));
                    any = true;
                }
            }
            if (any) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("reading " + topic + " stalled: no records for " + STALL.toSeconds()
                        + " s from " + open + " (positions short of their ends)");
            }
        }
        return unreadable;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, Integer only) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("no topic " + topic + " on the cluster");
        }
        List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (only != null) {
            TopicPartition tp = new TopicPartition(topic, only);
            if (!parts.contains(tp)) {
                throw new IllegalArgumentException(topic + " has no partition " + only + " (it has " + parts.size() + ")");
            }
            return List.of(tp);
        }
        return parts;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> c = new HashMap<>(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "tagger-dlq-reader");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A key for people: the UTF-8 text where it is printable, else hex (at most 64 bytes shown). */
    public static String printableKey(ByteString key) {
        if (key.isEmpty()) {
            return "-";
        }
        String s = key.toStringUtf8();
        boolean printable = key.isValidUtf8() && s.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && !Character.isISOControl(c));
        if (printable) {
            return s.length() > 80 ? s.substring(0, 80) + "..." : s;
        }
        return "0x" + hex(key, 64);
    }

    /** The first {@code max} bytes in hex, "..." where there are more. */
    public static String hex(ByteString b, int max) {
        byte[] head = b.substring(0, Math.min(b.size(), max)).toByteArray();
        return HexFormat.of().formatHex(head) + (b.size() > max ? "..." : "");
    }

    /**
     * What the original value is, in one line: its size (and whether it was truncated), and what it
     * parses as for its source topic (an AudioSegment on {@code audio-in}, SegmentFeatures on
     * {@code segment-features}) or that it does not.
     */
    public static String summariseOriginal(DeadLetter d) {
        ByteString v = d.getOriginalValue();
        StringBuilder s = new StringBuilder();
        if (isTruncated(d)) {
            s.append(d.getOriginalValueSize()).append(" bytes, of which the first ").append(v.size())
                    .append(" are kept (truncated: cannot be replayed)");
        } else {
            s.append(v.size()).append(" bytes");
        }
        if (isTruncated(d) || v.isEmpty()) {
            return s.toString();
        }
        try {
            switch (d.getSourceTopic()) {
                case Topics.AUDIO_IN -> {
                    AudioSegment a = AudioSegment.parseFrom(v);
                    s.append("; parses as AudioSegment: track '").append(a.getTrackId()).append("' segment ")
                            .append(a.getSegmentIndex()).append(" of ").append(a.getSegmentCount()).append(", ")
                            .append(a.getSampleRate()).append(" Hz");
                    try {
                        s.append(", ").append(FeatureMessages.sampleCount(a)).append(" samples");
                    } catch (IllegalArgumentException e) {
                        s.append(", ").append(e.getMessage());
                    }
                }
                case Topics.SEGMENT_FEATURES -> {
                    SegmentFeatures f = SegmentFeatures.parseFrom(v);
                    s.append("; parses as SegmentFeatures: track '").append(f.getTrackId()).append("' segment ")
                            .append(f.getSegmentIndex()).append(" of ").append(f.getSegmentCount()).append(", settings ")
                            .append(f.getFeatureSettingsId()).append(", ").append(f.getFeaturesCount()).append(" features");
                }
                default -> {
                }
            }
        } catch (InvalidProtocolBufferException e) {
            s.append("; not a valid ").append(d.getSourceTopic().equals(Topics.AUDIO_IN) ? "AudioSegment" : "SegmentFeatures")
                    .append(" (").append(e.getMessage()).append(')');
        }
        return s.toString();
    }
}
