package io.tagger.pipeline;

import com.google.protobuf.ByteString;
import io.tagger.proto.v1.DeadLetter;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Optional;

/** Builds the {@code tagging-dlq} record of a failure, keeping the original key and bytes. */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static DeadLetter of(String stage, String reason, Throwable error, String topic, int partition, long offset,
                                byte[] key, byte[] value) {
        DeadLetter.Builder b = DeadLetter.newBuilder().setStage(stage).setReason(reason)
                .setSourceTopic(topic == null ? "" : topic).setSourcePartition(partition).setSourceOffset(offset)
                .setTimeMs(System.currentTimeMillis());
        if (error != null) {
            b.setErrorClass(error.getClass().getName());
        }
        if (key != null) {
            b.setOriginalKey(ByteString.copyFrom(key));
        }
        if (value != null) {
            b.setOriginalValue(ByteString.copyFrom(value));
        }
        return b.build();
    }

    public static DeadLetter of(String stage, String reason, Throwable error, Optional<RecordMetadata> meta, byte[] key,
                                byte[] value) {
        return of(stage, reason, error, meta.map(RecordMetadata::topic).orElse(""),
                meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L), key, value);
    }
}
