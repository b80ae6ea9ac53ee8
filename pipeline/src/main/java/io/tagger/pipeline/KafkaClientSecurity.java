package io.tagger.pipeline;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TLS and SASL settings of every Kafka client the project makes outside Kafka Streams' own
 * configuration (the ingest service's producers, the command line), from environment variables —
 * the same ones the Kafka Streams services map in their application.properties:
 * <ul>
 *   <li>{@code TAGGER_KAFKA_SECURITY_PROTOCOL}: PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL</li>
 *   <li>{@code TAGGER_KAFKA_SASL_MECHANISM}: SCRAM-SHA-512 (default with SASL) or SCRAM-SHA-256 or PLAIN</li>
 *   <li>{@code TAGGER_KAFKA_SASL_JAAS_CONFIG}: the login line (Strimzi's KafkaUser Secret holds it), or
 *       {@code TAGGER_KAFKA_SASL_USERNAME} and {@code TAGGER_KAFKA_SASL_PASSWORD}</li>
 *   <li>{@code TAGGER_KAFKA_CA_FILE}: PEM file of the CA that signed the brokers' certificates</li>
 * </ul>
 * The values are secrets: {@link #describe} names what is set without showing any of it.
 */
public final class KafkaClientSecurity {
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private KafkaClientSecurity() {
    }

    /** The Kafka client settings the environment asks for (empty for PLAINTEXT). */
    public static Map<String, Object> fromEnvironment(Map<String, String> env) {
        String protocol = env.getOrDefault("TAGGER_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("TAGGER_KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", not '" + protocol + "'");
        }
        Map<String, Object> c = new HashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return c;
        }
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL")) {
            String mechanism = env.getOrDefault("TAGGER_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512").strip();
            c.put(SaslConfigs.SASL_MECHANISM, mechanism);
            String jaas = env.get("TAGGER_KAFKA_SASL_JAAS_CONFIG");
            if (jaas == null || jaas.isBlank()) {
                String user = env.get("TAGGER_KAFKA_SASL_USERNAME");
                String password = env.get("TAGGER_KAFKA_SASL_PASSWORD");
                if (user == null || user.isBlank() || password == null) {
                    throw new IllegalArgumentException(protocol + " needs TAGGER_KAFKA_SASL_JAAS_CONFIG, or TAGGER_KAFKA_SASL_USERNAME"
                            + " and TAGGER_KAFKA_SASL_PASSWORD");
                }
                String module = mechanism.startsWith("SCRAM") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                        : "org.apache.kafka.common.security.plain.PlainLoginModule";
                jaas = module + " required username=\"" + quote(user) + "\" password=\"" + quote(password) + "\";";
            }
            c.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
        }
        String ca = env.get("TAGGER_KAFKA_CA_FILE");
        if (protocol.endsWith("SSL") && ca != null && !ca.isBlank()) {
            if (!Files.isReadable(Path.of(ca))) {
                throw new IllegalArgumentException("TAGGER_KAFKA_CA_FILE " + ca + " is not a readable file");
            }
            c.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            c.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ca);
        }
        return c;
    }

    /** The settings with secret values replaced (for logs). */
    public static String describe(Map<String, Object> settings) {
        Map<String, Object> shown = new java.util.TreeMap<>(settings);
        shown.computeIfPresent(SaslConfigs.SASL_JAAS_CONFIG, (k, v) -> "[hidden]");
        return shown.isEmpty() ? "PLAINTEXT" : shown.toString();
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
