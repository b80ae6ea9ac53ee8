package io.tagger.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quarkus test resource: starts an {@link InProcessKafka} with the pipeline's topics and points
 * the service under test at it (Dev Services need Docker, which these machines do not have), with
 * the API keys of {@link TestApiKeys}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private static InProcessKafka kafka;

    public static InProcessKafka kafka() {
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        try {
            kafka = InProcessKafka.start();
            kafka.createTopics(Map.of("audio-in", 2, "segment-features", 2, "track-tags", 2, "track-ids", 2, "tagging-dlq", 1),
                    Map.of("track-tags", Map.of("cleanup.policy", "compact"), "track-ids", Map.of("cleanup.policy", "compact")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        cfg.put("quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers());
        cfg.put("tagger.access.keys-file", TestApiKeys.file().toString());
        return cfg;
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
