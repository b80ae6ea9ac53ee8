package io.tagger.pipeline;

import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #20, "production exception handler": what an exactly-once Kafka Streams service (the
 * feature and inference services run exactly_once_v2) does with an output record the brokers
 * refuse as too large, and why the services keep the default handler (docs/operations.md,
 * "Records the brokers refuse").
 *
 * <p>On a real broker, with an output topic whose {@code max.message.bytes} is below a record's
 * size, two things happen, depending on timing: the producer splits and retries the batch
 * (MESSAGE_TOO_LARGE) until the broker aborts the transaction at its timeout, and the stream thread
 * is fenced, rejoins and processes the same input again; or the producer gives up on the record
 * first and the production exception handler is asked. The services' answer is Kafka Streams'
 * default, FAIL (recorded here by a counting handler that answers FAIL): the stream thread is
 * replaced ({@link StreamThreadRecovery}) and processes the same input again. Either way nothing
 * past the refused record is committed, and once the operator raises the topic's limit every
 * record comes out exactly once: nothing was lost or duplicated. (A CONTINUE handler would drop
 * the record whenever it is asked.)
 */
class ProductionErrorsTest {
    static final AtomicInteger HANDLER_CALLS = new AtomicInteger();

    /** Kafka Streams' default answer (FAIL), counted. */
    public static class CountingFail implements ProductionExceptionHandler {
        @Override
        public ProductionExceptionHandlerResponse handle(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> r, Exception e) {
            HANDLER_CALLS.incrementAndGet();
            return ProductionExceptionHandlerResponse.FAIL;
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @Test
    void anOutputRecordOverTheTopicsLimitStallsTheStreamWithoutLossUntilTheLimitIsRaised(@TempDir Path state) throws Exception {
        HANDLER_CALLS.set(0);
        try (InProcessKafka kafka = InProcessKafka.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            kafka.createTopics(Map.of("big-in", 1, "big-out", 1), Map.of("big-out", Map.of("max.message.bytes", "2048")));
            StreamsBuilder b = new StreamsBuilder();
            b.stream("big-in", Consumed.with(Serdes.String(), Serdes.String())).mapValues(v -> v.toUpperCase())
                    .to("big-out", Produced.with(Serdes.String(), Serdes.String()));
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "too-large");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingFail.class.getName());
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2000);
            AtomicInteger deaths = new AtomicInteger();
            StreamThreadRecovery recovery = new StreamThreadRecovery(5, Duration.ofMinutes(10), Clock.systemUTC());
            try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
                streams.setUncaughtExceptionHandler(e -> {
                    deaths.incrementAndGet();
                    return recovery.handle(e);
                });
                streams.start();
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>("big-in", "a", "a")).get();
                    assertThat(values(kafka.readCommitted("big-out", 1, Duration.ofSeconds(60)))).containsExactly("a=1");
                    producer.send(new ProducerRecord<>("big-in", "big", "x".repeat(10_000))).get();
                    producer.send(new ProducerRecord<>("big-in", "c", "c")).get();
                }
                // Longer than the transaction timeout (10 s under exactly-once): at least one abort and rejoin.
                assertThat(kafka.readCommitted("big-out", 2, Duration.ofSeconds(25))).as("nothing past the refused record")
                        .hasSize(1);
                // Each handler call (FAIL) ends one stream thread, which the recovery replaces.
                assertThat(deaths.get()).as("stream threads that died").isEqualTo(HANDLER_CALLS.get());
                assertThat(streams.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

                // The operator's fix: raise the topic's limit. The stream goes on by itself.
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "big-out"),
                        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048576"), AlterConfigOp.OpType.SET))))
                        .all().get(30, TimeUnit.SECONDS);
                assertThat(values(kafka.readCommitted("big-out", 3, Duration.ofSeconds(90))))
                        .containsExactly("a=1", "big=10000", "c=1");
                assertThat(kafka.readCommitted("big-out", 4, Duration.ofSeconds(3))).as("no duplicate").hasSize(3);
            }
        }
    }

    private static List<String> values(Collection<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> r.key() + "=" + new String(r.value(), StandardCharsets.UTF_8).length()).toList();
    }
}
