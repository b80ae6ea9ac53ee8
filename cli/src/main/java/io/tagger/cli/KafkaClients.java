package io.tagger.cli;

import io.tagger.pipeline.KafkaClientSecurity;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;

/** The settings of the Kafka clients the commands make. */
final class KafkaClients {
    private KafkaClients() {
    }

    /** A Kafka client's settings: the servers, and TLS/SASL from the environment (KafkaClientSecurity). */
    static Map<String, Object> settings(String servers) {
        Map<String, Object> c = new HashMap<>(KafkaClientSecurity.fromEnvironment(System.getenv()));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        return c;
    }
}
