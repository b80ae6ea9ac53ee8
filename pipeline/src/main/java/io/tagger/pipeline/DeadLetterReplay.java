package io.tagger.pipeline;

import io.tagger.proto.v1.DeadLetter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Sends dead letters' original records back to the topic they came from, after the fix that makes
 * them acceptable ({@code ./tagger dlq replay}): the original key and value bytes, to the original
 * partition (where the topic still has it; else partitioned by the key). The dead letters stay
 * on {@code tagging-dlq}: a record that fails again gets a new one.
 *
 * <p>Refused, and reported: a dead letter whose original value was truncated (it would replay a
 * different record), one with no source topic (an upload the ingest service could not decode:
 * upload the file again), and an AudioSegment without {@code pcm_s16le} (no fix of the pipeline
 * makes it readable: publish the track again).
 *
 * <p>The records are sent by an idempotent producer (acks=all), not in a transaction: replaying
 * the same dead letters twice sends them twice; downstream drops duplicate segments.
 */
public final class DeadLetterReplay {
    private final Map<String, Object> client;
    private final DeadLetterReader reader;

    /** @param client the Kafka client's settings: bootstrap servers, TLS/SASL ({@link KafkaClientSecurity}) */
    public DeadLetterReplay(Map<String, Object> client) {
        this.client = Map.copyOf(client);
        this.reader = new DeadLetterReader(client);
    }

    /**
     * Which dead letters to replay.
     *
     * @param range  their positions on {@code tagging-dlq}
     * @param reason a reason kind ({@link DeadLetterReasons}), or text the reason contains; null: any
     * @param sourceTopic only those from this topic; null: any
     */
    public record Selection(DeadLetterReader.Range range, String reason, String sourceTopic) {
        public boolean matches(DeadLetterReader.Entry e) {
            DeadLetter d = e.letter();
            return (reason == null || reason.equals(e.kind()) || d.getReason().contains(reason))
                    && (sourceTopic == null || sourceTopic.equals(d.getSourceTopic()));
        }
    }

    /** A selected dead letter and what became of it: sent to {@code partition}@{@code offset}, or why not. */
    public record Outcome(DeadLetterReader.Entry entry, String refused, int partition, long offset) {
        public boolean sent() {
            return refused == null && offset >= 0;
        }
    }

    /** The selected dead letters, in order, each sent or refused. */
    public record Result(List<Outcome> outcomes, int unreadable, boolean dryRun) {
        public long sent() {
            return outcomes.stream().filter(Outcome::sent).count();
        }

        public List<Outcome> refused() {
            return outcomes.stream().filter(o -> o.refused() != null).toList();
        }

        /** Would be sent (a dry run) or were. */
        public List<Outcome> replayable() {
            return outcomes.stream().filter(o -> o.refused() == null).toList();
        }
    }

    /** Why a dead letter cannot be replayed, or null. */
    public static String refusal(DeadLetter d) {
        if (d.getSourceTopic().isEmpty()) {
            return "no source topic (an upload the " + d.getStage() + " stage refused: upload the file again)";
        }
        if (d.getSourceTopic().equals(Topics.DLQ)) {
            return "its source is " + Topics.DLQ + " itself";
        }
        if (DeadLetterReader.isTruncated(d)) {
            return "its original value was truncated (" + d.getOriginalValue().size() + " of " + d.getOriginalValueSize()
                    + " bytes kept): replaying it would send another record";
        }
        if (DeadLetterReasons.NO_PCM.equals(DeadLetterReasons.of(d))) {
            return "an AudioSegment without pcm_s16le is never read (a PCM form removed before 1.0, or none):"
                    + " publish the track again";
        }
        return null;
    }

    /**
     * Replays the selected dead letters' originals; with {@code dryRun} only says what it would send.
     * Each record is sent in the order of the scan; the call returns once the broker has
     * acknowledged every one (or throws on the first that failed, after the others were sent).
     */
    public Result replay(Selection selection, boolean dryRun) {
        List<DeadLetterReader.Entry> picked = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Predicate<DeadLetterReader.Entry> match = selection::matches;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<String, Integer> partitions = new HashMap<>();
        KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer();
        try {
            int unreadable = reader.scan(selection.range(), e -> {
                if (!match.test(e)) {
                    return;
                }
                String refused = refusal(e.letter());
                if (refused != null || dryRun) {
                    outcomes.add(new Outcome(e, refused, -1, -1));
                    sends.add(null);
                    picked.add(e);
                    return;
                }
                DeadLetter d = e.letter();
                int count = partitions.computeIfAbsent(d.getSourceTopic(), t -> {
                    List<PartitionInfo> info = producer.partitionsFor(t);
                    return info == null ? 0 : info.size();
                });
                Integer partition = d.getSourcePartition() >= 0 && d.getSourcePartition() < count ? d.getSourcePartition() : null;
                byte[] key = d.getOriginalKey().isEmpty() ? null : d.getOriginalKey().toByteArray();
                sends.add(producer.send(new ProducerRecord<>(d.getSourceTopic(), partition, key,
                        d.getOriginalValue().toByteArray())));
                outcomes.add(null);
                picked.add(e);
            });
            if (producer != null) {
                producer.flush();
            }
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) == null) {
                    RecordMetadata m = sends.get(i).get();
                    outcomes.set(i, new Outcome(picked.get(i), null, m.partition(), m.offset()));
                }
            }
            return new Result(outcomes, unreadable, dryRun);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot replay a dead letter: " + e.getCause().getMessage(), e.getCause());
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(30));
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> c = new HashMap<>(client);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "tagger-dlq-replay");
        // an original value is at most DeadLetters.MAX_ORIGINAL_BYTES; the default 1 MiB request holds it
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
