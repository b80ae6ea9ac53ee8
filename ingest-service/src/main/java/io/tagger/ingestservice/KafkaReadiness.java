package io.tagger.ingestservice;

import io.tagger.pipeline.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Readiness: the ingest service is ready while a Kafka broker answers (a cluster description within
 * {@code tagger.ingest.readiness-timeout}); while none does, uploads could not be published, so
 * the orchestrator should send them elsewhere. Liveness does not depend on Kafka: a restart would
 * not bring the brokers back.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    private final Admin admin;
    private final Duration timeout;

    public KafkaReadiness(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                          @ConfigProperty(name = "tagger.ingest.readiness-timeout", defaultValue = "PT2S") Duration timeout) {
        Map<String, Object> c = new HashMap<>(KafkaClientSecurity.fromEnvironment(System.getenv()));
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()));
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()));
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, "tagger-ingest-readiness");
        this.admin = Admin.create(c);
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("brokers", brokers).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("kafka").down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down()
                    .withData("error", "no Kafka broker answered within " + timeout).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
