package io.tagger.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the pipeline's topics if missing: {@code audio-in} and {@code segment-features} kept
 * forever (replays re-tag from them), {@code track-tags} compacted (latest tags per track),
 * {@code track-ids} compacted (the content each caller-chosen track id was accepted with),
 * {@code tagging-dlq} kept 30 days. Usage: CreateTopics BOOTSTRAP PARTITIONS REPLICATION.
 */
public final class CreateTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        short replication = args.length > 2 ? Short.parseShort(args[2]) : 1;
        Map<String, String> keep = Map.of("retention.ms", "-1", "max.message.bytes", "4194304");
        List<NewTopic> topics = List.of(
                new NewTopic("audio-in", partitions, replication).configs(keep),
                new NewTopic("segment-features", partitions, replication).configs(keep),
                new NewTopic("track-tags", partitions, replication).configs(Map.of("cleanup.policy", "compact")),
                // caller-chosen track id -> SHA-256 of its content (the ingest service's binding; docs/security.md)
                new NewTopic("track-ids", partitions, replication).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("tagging-dlq", 1, replication).configs(Map.of("retention.ms", String.valueOf(30L * 24 * 3600 * 1000),
                        "max.message.bytes", "4194304")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            for (NewTopic t : topics) {
                if (existing.contains(t.name())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(t)).all().get();
                    System.out.println("created topic " + t.name() + " (" + t.numPartitions() + " partitions)");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
