package io.tagger.pipeline;

import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamThreadRecoveryTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void replacesUpToTheLimitWithinTheWindowThenShutsTheClientDown() {
        ManualClock clock = new ManualClock();
        StreamThreadRecovery recovery = new StreamThreadRecovery(2, Duration.ofMinutes(10), clock);
        RuntimeException e = new IllegalStateException("test");
        assertThat(recovery.handle(e)).isEqualTo(REPLACE_THREAD);
        clock.millis += 60_000;
        assertThat(recovery.handle(e)).isEqualTo(REPLACE_THREAD);
        clock.millis += 60_000;
        assertThat(recovery.handle(e)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void replacementsAndShutdownsAreCounted() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        try {
            StreamThreadRecovery recovery = new StreamThreadRecovery(2, Duration.ofMinutes(10), new ManualClock());
            // registered at 0 as soon as a service makes its handler, so the series exists before the first death
            assertThat(meters.get(PipelineMetrics.THREAD_REPLACEMENTS).counter().count()).isZero();
            assertThat(meters.get(PipelineMetrics.CLIENT_SHUTDOWNS).counter().count()).isZero();
            recovery.handle(new IllegalStateException("test"));
            recovery.handle(new IllegalStateException("test"));
            recovery.handle(new IllegalStateException("test"));
            assertThat(meters.get(PipelineMetrics.THREAD_REPLACEMENTS).counter().count()).isEqualTo(2);
            assertThat(meters.get(PipelineMetrics.CLIENT_SHUTDOWNS).counter().count()).isEqualTo(1);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(meters);
        }
    }

    @Test
    void replacementsOlderThanTheWindowNoLongerCount() {
        ManualClock clock = new ManualClock();
        StreamThreadRecovery recovery = new StreamThreadRecovery(1, Duration.ofMinutes(10), clock);
        RuntimeException e = new IllegalStateException("test");
        assertThat(recovery.handle(e)).isEqualTo(REPLACE_THREAD);
        clock.millis += Duration.ofMinutes(10).toMillis();
        assertThat(recovery.handle(e)).isEqualTo(REPLACE_THREAD);
        clock.millis += 1;
        assertThat(recovery.handle(e)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void zeroReplacementsShutsDownAtOnce() {
        assertThat(new StreamThreadRecovery(0, Duration.ofMinutes(1), Clock.systemUTC()).handle(new RuntimeException()))
                .isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new StreamThreadRecovery(-1, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReplacements");
        assertThatThrownBy(() -> new StreamThreadRecovery(1, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    /**
     * On a real broker with exactly-once: a thread that dies mid-transaction is replaced, the
     * client stays RUNNING, and the output holds every record once (the aborted transaction's
     * writes are invisible, the replacement redoes them).
     */
    @Test
    void aReplacedThreadLosesAndDuplicatesNothing(@TempDir Path state) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start()) {
            kafka.createTopics(Map.of("recovery-in", 1, "recovery-out", 1), Map.of());
            AtomicInteger failures = new AtomicInteger();
            StreamsBuilder b = new StreamsBuilder();
            b.stream("recovery-in", Consumed.with(Serdes.String(), Serdes.String())).mapValues(v -> {
                if (v.equals("boom") && failures.getAndIncrement() == 0) {
                    throw new IllegalStateException("a fault outside the topology's DLQ handling");
                }
                return v.toUpperCase();
            }).to("recovery-out", Produced.with(Serdes.String(), Serdes.String()));
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "recovery-test");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            // The dead thread's consumer does not leave the group: the new one is assigned its tasks when
            // the old member's session times out (45 s by default; the broker's minimum here).
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2000);
            AtomicInteger replaced = new AtomicInteger();
            StreamThreadRecovery recovery = new StreamThreadRecovery();
            try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
                streams.setUncaughtExceptionHandler(e -> {
                    var response = recovery.handle(e);
                    if (response == REPLACE_THREAD) {
                        replaced.incrementAndGet();
                    }
                    return response;
                });
                streams.start();
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                    for (String v : List.of("a", "boom", "c")) {
                        producer.send(new ProducerRecord<>("recovery-in", v, v)).get();
                    }
                }
                List<String> out = kafka.readCommitted("recovery-out", 3, Duration.ofSeconds(60)).stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
                assertThat(out).containsExactly("A", "BOOM", "C");
                assertThat(kafka.readCommitted("recovery-out", 4, Duration.ofSeconds(3))).hasSize(3);
                assertThat(replaced).hasValue(1);
                assertThat(streams.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
            }
        }
    }
}
