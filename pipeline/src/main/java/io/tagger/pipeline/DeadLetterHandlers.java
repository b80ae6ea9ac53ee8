package io.tagger.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka Streams error handlers that send a record the topology could not handle to
 * {@code tagging-dlq} with a reason and go on, instead of killing the stream thread (which, for a
 * record that fails every time, ends with the client shut down and the service crash-looping):
 * <ul>
 *   <li>{@link Deserialization}: a record the source's deserializers refuse (the topologies read
 *   bytes, so today none; kept for any typed source);</li>
 *   <li>{@link Processing}: an exception a processor did not expect while processing a record
 *   (a bug, or input the validation let through). An exception in a punctuation (no record: a
 *   batch's scoring) still fails the thread: it is not one record's fault, and its tasks resume
 *   from the last commit.</li>
 * </ul>
 * These dead letters are written by a producer of their own, outside the task's transaction:
 * where the task's transaction aborts afterwards and the record is processed again, its dead
 * letter can appear twice (at least once, never lost). The records the topologies dead-letter
 * themselves stay exactly once.
 */
public final class DeadLetterHandlers {
    /** The configuration key naming the stage written into the dead letters. */
    public static final String STAGE_CONFIG = "tagger.dead-letter.stage";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);
    /** One producer per client configuration (bootstrap servers), shared by the handlers of all stream threads. */
    private static final Map<String, KafkaProducer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private DeadLetterHandlers() {
    }

    /** Sets the handlers on a Kafka Streams configuration. */
    public static void configure(Properties streams, String stage) {
        streams.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class.getName());
        streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class.getName());
        streams.put(STAGE_CONFIG, stage);
    }

    /** What the handlers share: the stage and the dead-letter producer. */
    abstract static class Base {
        String stage = "streams";
        KafkaProducer<byte[], byte[]> producer;

        public void configure(Map<String, ?> configs) {
            Object s = configs.get(STAGE_CONFIG);
            if (s != null) {
                stage = s.toString();
            }
            Map<String, Object> c = new HashMap<>();
            for (var e : configs.entrySet()) {
                String k = e.getKey();
                if (k.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) || k.equals("security.protocol")
                        || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                    c.put(k, e.getValue());
                }
            }
            c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            c.put(ProducerConfig.ACKS_CONFIG, "all");
            c.put(ProducerConfig.CLIENT_ID_CONFIG, "tagger-dead-letters-" + stage);
            producer = PRODUCERS.computeIfAbsent(String.valueOf(new java.util.TreeMap<>(c)),
                    k -> new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer()));
        }

        void send(String reason, Exception e, ErrorHandlerContext ctx, byte[] key, byte[] value) {
            var d = DeadLetters.of(stage, reason, e, ctx.topic(), ctx.partition(), ctx.offset(), key, value);
            try {
                producer.send(new ProducerRecord<>(Topics.DLQ, key, d.toByteArray())).get();
                PipelineMetrics.deadLetter(d);
                LOG.warn("dead-lettered the record at {}-{}@{}: {}", ctx.topic(), ctx.partition(), ctx.offset(), reason, e);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering", ie);
            } catch (java.util.concurrent.ExecutionException ee) {
                throw new IllegalStateException("cannot write the dead letter of " + ctx.topic() + "-" + ctx.partition()
                        + "@" + ctx.offset(), ee.getCause());
            }
        }

        static String describe(Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        }
    }

    /** Dead-letters a record its deserializers refuse. */
    public static final class Deserialization extends Base implements DeserializationExceptionHandler {
        @Override
        public DeserializationHandlerResponse handle(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record,
                                                     Exception e) {
            send("cannot deserialize the record: " + describe(e), e, ctx, record.key(), record.value());
            return DeserializationHandlerResponse.CONTINUE;
        }
    }

    /** Dead-letters a record whose processing threw; a punctuation's exception fails the thread. */
    public static final class Processing extends Base implements ProcessingExceptionHandler {
        @Override
        public ProcessingHandlerResponse handle(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
            if (record == null || ctx.topic() == null) {
                return ProcessingHandlerResponse.FAIL; // a punctuation: not one record's fault
            }
            send("unexpected error in processor '" + ctx.processorNodeId() + "': " + describe(e), e, ctx,
                    ctx.sourceRawKey(), ctx.sourceRawValue());
            return ProcessingHandlerResponse.CONTINUE;
        }
    }

    /** Closes the dead-letter producers (at the end of a process). */
    public static void closeAll() {
        PRODUCERS.values().forEach(p -> p.close(Duration.ofSeconds(5)));
        PRODUCERS.clear();
    }
}
