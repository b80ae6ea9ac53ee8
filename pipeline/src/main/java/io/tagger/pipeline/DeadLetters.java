package io.tagger.pipeline;

import com.google.protobuf.ByteString;
import io.tagger.proto.v1.DeadLetter;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Optional;

/**
 * Builds the {@code tagging-dlq} record of a failure, keeping the original key and bytes. A value
 * over {@link #MAX_ORIGINAL_BYTES} is kept truncated to that size (the reason says so and
 * {@code original_value_size} holds its size): a dead letter must always fit in a produce request
 * (Kafka's default limit is 1 MiB), or dead-lettering the record would itself fail, again after
 * every restart of the stream thread, until the service shut down (issue #20).
 */
public final class DeadLetters {
    /** The most of an original value a dead letter keeps: well under Kafka's default 1 MiB request. */
    public static final int MAX_ORIGINAL_BYTES = 512 * 1024;

    private DeadLetters() {
    }

    public static DeadLetter of(String stage, String reason, Throwable error, String topic, int partition, long offset,
                                byte[] key, byte[] value) {
        DeadLetter.Builder b = DeadLetter.newBuilder().setStage(stage)
                .setSourceTopic(topic == null ? "" : topic).setSourcePartition(partition).setSourceOffset(offset)
                .setTimeMs(System.currentTimeMillis());
        if (error != null) {
            b.setErrorClass(error.getClass().getName());
        }
        if (key != null) {
            b.setOriginalKey(ByteString.copyFrom(key, 0, Math.min(key.length, MAX_ORIGINAL_BYTES / 4)));
        }
        String why = reason == null ? "" : reason.length() > 2000 ? reason.substring(0, 2000) + "..." : reason;
        if (value != null) {
            if (value.length > MAX_ORIGINAL_BYTES) {
                b.setOriginalValue(ByteString.copyFrom(value, 0, MAX_ORIGINAL_BYTES)).setOriginalValueSize(value.length);
                why += " (original value of " + value.length + " bytes too large to keep whole: truncated to "
                        + MAX_ORIGINAL_BYTES + ")";
            } else {
                b.setOriginalValue(ByteString.copyFrom(value));
            }
        }
        return b.setReason(why).build();
    }

    public static DeadLetter of(String stage, String reason, Throwable error, Optional<RecordMetadata> meta, byte[] key,
                                byte[] value) {
        return of(stage, reason, error, meta.map(RecordMetadata::topic).orElse(""),
                meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L), key, value);
    }
}
