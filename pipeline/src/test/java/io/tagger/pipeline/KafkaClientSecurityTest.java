package io.tagger.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSecurityTest {
    @Test
    void plaintextByDefault() {
        assertThat(KafkaClientSecurity.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void scramOverTlsFromUserAndPassword() throws Exception {
        Path ca = Files.createTempFile("ca", ".crt");
        Map<String, Object> c = KafkaClientSecurity.fromEnvironment(Map.of("TAGGER_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "TAGGER_KAFKA_SASL_USERNAME", "tagger-ingest", "TAGGER_KAFKA_SASL_PASSWORD", "s3\"cret", "TAGGER_KAFKA_CA_FILE", ca.toString()));
        assertThat(c).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString());
        assertThat((String) c.get("sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tagger-ingest\" password=\"s3\\\"cret\";");
        assertThat(KafkaClientSecurity.describe(c)).doesNotContain("s3").contains("[hidden]");
    }

    @Test
    void refusesIncompleteOrUnknownSettings() {
        assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("TAGGER_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                .hasMessageContaining("TAGGER_KAFKA_SASL_JAAS_CONFIG");
        assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("TAGGER_KAFKA_SECURITY_PROTOCOL", "TLS")))
                .hasMessageContaining("must be one of");
        assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("TAGGER_KAFKA_SECURITY_PROTOCOL", "SSL",
                "TAGGER_KAFKA_CA_FILE", "/nonexistent/ca.crt"))).hasMessageContaining("not a readable file");
    }
}
