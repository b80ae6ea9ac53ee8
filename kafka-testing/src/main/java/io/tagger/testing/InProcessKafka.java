package io.tagger.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real single-node KRaft Kafka cluster (combined broker + controller) inside the test JVM, on
 * random ports, with the one-broker settings exactly-once needs. Kafka's test kit is an internal
 * API: this class is the only place that touches it.
 */
public final class InProcessKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    /** The relay clients go through, or null where they reach the broker directly. */
    private final StallProxy proxy;

    private InProcessKafka(KafkaClusterTestKit cluster, StallProxy proxy) {
        this.cluster = cluster;
        this.proxy = proxy;
    }

    public static InProcessKafka start() throws Exception {
        return start(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
    }

    /** Clients must authenticate with SASL PLAIN: user {@code plain-admin}, password {@code plain-admin-secret}. */
    public static InProcessKafka startWithSasl() throws Exception {
        // The controller listener stays PLAINTEXT inside the test JVM: its anonymous principal is a super user.
        return start(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(org.apache.kafka.common.security.auth.SecurityProtocol.SASL_PLAINTEXT).build(),
                Map.of("super.users", "User:ANONYMOUS;User:plain-admin"));
    }

    /**
     * A broker that can be stalled as with {@code kill -STOP} ({@link #stall()}, {@link #resume()}):
     * clients, and the broker's own connections to itself (transaction markers), go through a
     * relay that holds every byte while stalled; the broker advertises the relay's address.
     */
    public static InProcessKafka startStallable() throws Exception {
        StallProxy proxy = new StallProxy();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
        try {
            return start(nodes, Map.of("advertised.listeners", nodes.brokerListenerName().value() + "://localhost:" + proxy.port()),
                    proxy);
        } catch (Exception e) {
            proxy.close();
            throw e;
        }
    }

    /** Stalls the broker: connections stay open and nothing is answered (a stalled process, a stuck network). */
    public void stall() {
        requireProxy().stall();
    }

    /** Ends a {@link #stall()}: what was held is passed on. */
    public void resume() {
        requireProxy().resume();
    }

    private StallProxy requireProxy() {
        if (proxy == null) {
            throw new IllegalStateException("start the broker with startStallable() to stall it");
        }
        return proxy;
    }

    private static InProcessKafka start(TestKitNodes nodes) throws Exception {
        return start(nodes, Map.of());
    }

    private static InProcessKafka start(TestKitNodes nodes, Map<String, String> extra) throws Exception {
        return start(nodes, extra, null);
    }

    private static InProcessKafka start(TestKitNodes nodes, Map<String, String> extra, StallProxy proxy) throws Exception {
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes);
        extra.forEach(b::setConfigProp);
        KafkaClusterTestKit c = b
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", String.valueOf(4 * 1024 * 1024))
                .build();
        c.format();
        c.startup();
        if (proxy != null) {
            String direct = c.bootstrapServers();
            proxy.target(Integer.parseInt(direct.substring(direct.lastIndexOf(':') + 1).split(",")[0]));
        }
        c.waitForReadyBrokers();
        return new InProcessKafka(c, proxy);
    }

    public String bootstrapServers() {
        return proxy != null ? "localhost:" + proxy.port() : cluster.bootstrapServers();
    }

    /** Creates topics (1 replica) with the given partitions and configs. */
    public void createTopics(Map<String, Integer> partitions, Map<String, Map<String, String>> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = partitions.entrySet().stream().map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)
                    .configs(configs.getOrDefault(e.getKey(), Map.of()))).toList();
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * Reads up to {@code n} committed records of {@code topic} from its start (a fresh consumer
     * group), waiting at most {@code timeout}.
     */
    public List<ConsumerRecord<String, byte[]>> readCommitted(String topic, int n, Duration timeout) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (out.size() < n && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        cluster.close();
    }
}
