package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagger.features.Architectures;
import io.tagger.pipeline.AudioReplayTopology;
import io.tagger.pipeline.FeatureTopology;
import io.tagger.pipeline.InferenceTopology;
import io.tagger.pipeline.ServedModel;
import io.tagger.pipeline.Topics;
import io.tagger.producer.CatalogueProducer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's topics, users and ACLs agree with what the services really do: the topics each
 * Kafka Streams topology reads and writes (from the topologies themselves), the application ids
 * and transactional-id prefixes in the services' configuration, and the served model's version.
 */
class ServiceWiringTest {
    static final Path ROOT = ManifestsTest.K8S.resolve("..");
    static List<Manifest> production;

    @BeforeAll
    static void render() throws Exception {
        production = ManifestsTest.overlay("production");
    }

    static Properties config(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    /** {@code ${ENV:default}} -> the value the deployment's ConfigMap sets for ENV, else the default. */
    static String resolve(String value) {
        if (!value.startsWith("${")) {
            return value;
        }
        String inner = value.substring(2, value.length() - 1);
        String env = inner.contains(":") ? inner.substring(0, inner.indexOf(':')) : inner;
        JsonNode set = ManifestsTest.find(production, "ConfigMap", "tagger-config").doc().path("data").path(env);
        return set.isMissingNode() ? inner.substring(inner.indexOf(':') + 1) : set.asText();
    }

    record Io(Set<String> reads, Set<String> writes) {
    }

    static Io io(Topology t) {
        Set<String> reads = new HashSet<>();
        Set<String> writes = new HashSet<>();
        TopologyDescription d = t.describe();
        d.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Source src) {
                reads.addAll(src.topicSet());
            } else if (n instanceof TopologyDescription.Sink sink) {
                writes.add(sink.topic());
            }
        }));
        d.globalStores().forEach(g -> reads.addAll(g.source().topicSet()));
        return new Io(reads, writes);
    }

    static Set<String> topicsAllowed(String user, String operation) {
        Set<String> out = new HashSet<>();
        for (JsonNode acl : ManifestsTest.find(production, "KafkaUser", user).spec().path("authorization").path("acls")) {
            JsonNode r = acl.path("resource");
            if (r.path("type").asText().equals("topic") && r.path("patternType").asText("literal").equals("literal")
                    && (acl.path("operations").toString().contains('"' + operation + '"') || acl.path("operations").toString().contains("\"All\""))) {
                out.add(r.path("name").asText());
            }
        }
        return out;
    }

    static Set<String> prefixes(String user, String type) {
        Set<String> out = new HashSet<>();
        for (JsonNode acl : ManifestsTest.find(production, "KafkaUser", user).spec().path("authorization").path("acls")) {
            JsonNode r = acl.path("resource");
            if (r.path("type").asText().equals(type)) {
                out.add(r.path("name").asText() + (r.path("patternType").asText().equals("prefix") ? "*" : ""));
            }
        }
        return out;
    }

    static boolean covers(Set<String> patterns, String name) {
        return patterns.stream().anyMatch(p -> p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : p.equals(name));
    }

    @Test
    void everyTopicTheServicesUseIsACreatedTopic() {
        Set<String> topics = new HashSet<>();
        production.stream().filter(m -> m.kind().equals("KafkaTopic")).forEach(m -> topics.add(m.name()));
        assertThat(topics).containsExactlyInAnyOrder(Topics.AUDIO_IN, Topics.SEGMENT_FEATURES, Topics.TRACK_TAGS, Topics.TRACK_IDS,
                Topics.DLQ);
    }

    @Test
    void featureServiceMayReadAndWriteExactlyWhatItsTopologyDoes() throws IOException {
        Io io = io(FeatureTopology.build(Architectures.named(resolve(config("feature-service").getProperty("tagger.features.settings")))));
        assertThat(topicsAllowed("tagger-features", "Read")).isEqualTo(io.reads());
        assertThat(topicsAllowed("tagger-features", "Write")).isEqualTo(io.writes());
        String appId = resolve(config("feature-service").getProperty("quarkus.kafka-streams.application-id"));
        assertThat(covers(prefixes("tagger-features", "group"), appId)).isTrue();
        assertThat(covers(prefixes("tagger-features", "transactionalId"), appId + "-0_0")).isTrue();
        assertThat(covers(prefixes("tagger-features", "topic"), appId + "-some-store-changelog")).isTrue();
        assertThat(String.join(",", io.reads()) + "," + String.join(",", io.writes()))
                .as("the Quarkus topics list waits for these").satisfies(s -> assertThat(
                        Set.of(config("feature-service").getProperty("quarkus.kafka-streams.topics").split(","))).containsAll(
                        Set.of(s.split(","))));
    }

    @Test
    void inferenceServiceMayReadAndWriteExactlyWhatItsTopologyDoes() throws IOException {
        ServedModel model = new ServedModel("m", "1", List.of("t"), new float[]{0.5f}, "a", 10, List.of("k"), new int[]{1}, new int[]{1});
        Io io = io(InferenceTopology.build(model, batch -> new float[0][], new InferenceTopology.Options(1,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1)), true));
        assertThat(topicsAllowed("tagger-inference", "Read")).isEqualTo(io.reads());
        assertThat(topicsAllowed("tagger-inference", "Write")).isEqualTo(io.writes());
        String appId = resolve(config("inference-service").getProperty("quarkus.kafka-streams.application-id"));
        assertThat(covers(prefixes("tagger-inference", "group"), appId)).isTrue();
        assertThat(covers(prefixes("tagger-inference", "transactionalId"), appId + "-0_0")).isTrue();
        assertThat(covers(prefixes("tagger-inference", "topic"), appId + "-pending-segments-changelog")).isTrue();
        assertThat(Set.of(config("inference-service").getProperty("quarkus.kafka-streams.topics").split(",")))
                .containsAll(io.reads()).containsAll(io.writes());
    }

    @Test
    void ingestServiceMayWriteOnlyAudioTrackIdsAndDeadLettersAndReadOnlyTrackIds() throws IOException {
        assertThat(topicsAllowed("tagger-ingest", "Write")).containsExactlyInAnyOrder(Topics.AUDIO_IN, Topics.TRACK_IDS, Topics.DLQ);
        assertThat(topicsAllowed("tagger-ingest", "Read")).containsExactly(Topics.TRACK_IDS);
        String prefix = config("ingest-service").getProperty("tagger.ingest.transactional-id-prefix");
        assertThat(prefixes("tagger-ingest", "transactionalId")).containsExactly(prefix + "*");
    }

    /** docs/producing.md: external producers write audio-in under their own transactional ids, and nothing else. */
    @Test
    void catalogueProducersMayWriteOnlyAudioInUnderTheirTransactionalIds() {
        assertThat(topicsAllowed("tagger-producer", "Write")).containsExactly(Topics.AUDIO_IN);
        assertThat(topicsAllowed("tagger-producer", "Read")).isEmpty();
        assertThat(prefixes("tagger-producer", "topic")).containsExactly(Topics.AUDIO_IN);
        assertThat(prefixes("tagger-producer", "group")).isEmpty();
        assertThat(prefixes("tagger-producer", "transactionalId")).containsExactly(CatalogueProducer.TRANSACTIONAL_ID_PREFIX + "*");
        // the library's default transactional id is allowed
        assertThat(covers(prefixes("tagger-producer", "transactionalId"), CatalogueProducer.TRANSACTIONAL_ID_PREFIX + "host-1")).isTrue();
    }

    /** docs/consuming.md: recommenders read track-tags, with consumer groups named recommender-*. */
    @Test
    void recommendersMayOnlyReadTrackTags() {
        assertThat(topicsAllowed("tagger-reader", "Read")).containsExactly(Topics.TRACK_TAGS);
        assertThat(topicsAllowed("tagger-reader", "Write")).isEmpty();
        assertThat(prefixes("tagger-reader", "transactionalId")).isEmpty();
        assertThat(prefixes("tagger-reader", "group")).containsExactly("recommender-*");
    }

    @Test
    void theServedModelVersionNamesTheInferenceApplicationAndItsAutoscaler() throws IOException {
        JsonNode data = ManifestsTest.find(production, "ConfigMap", "tagger-config").doc().path("data");
        String appId = data.path("TAGGER_INFERENCE_APP_ID").asText();
        JsonNode pod = ManifestsTest.find(production, "Deployment", "inference-service").spec().path("template").path("spec");
        String modelImage = pod.path("initContainers").get(0).path("image").asText();
        String modelTag = modelImage.substring(modelImage.lastIndexOf(':') + 1);
        assertThat(appId).isEqualTo("tagger-inference-" + modelTag);
        // The shipped default model is the one the base serves.
        JsonNode bundle = Kustomize.YAML.readTree(ROOT.resolve("models/default/model.json").toFile());
        assertThat(modelTag).isEqualTo(bundle.path("name").asText() + "-" + bundle.path("version").asText());
        assertThat(data.path("TAGGER_FEATURE_SETTINGS").asText()).isEqualTo(bundle.path("architecture").asText());
        JsonNode lag = ManifestsTest.find(production, "HorizontalPodAutoscaler", "inference-service").spec().path("metrics").get(0);
        assertThat(lag.path("external").path("metric").path("selector").path("matchLabels").path("consumergroup").asText()).isEqualTo(appId);
        JsonNode featureLag = ManifestsTest.find(production, "HorizontalPodAutoscaler", "feature-service").spec().path("metrics").get(0);
        assertThat(featureLag.path("external").path("metric").path("selector").path("matchLabels").path("consumergroup").asText())
                .isEqualTo(config("feature-service").getProperty("quarkus.kafka-streams.application-id"));
    }

    @Test
    void theRetagJobMayReadAndWriteExactlyWhatItsTwoReplaysDo() throws Exception {
        Manifest job = Kustomize.render(ManifestsTest.K8S.resolve("jobs/retag")).get(0);
        JsonNode pod = job.spec().path("template").path("spec");
        String image = pod.path("initContainers").get(0).path("image").asText();
        String version = image.substring(image.lastIndexOf(':') + 1); // NAME-VERSION
        ServedModel model = new ServedModel("m", "1", List.of("t"), new float[]{0.5f}, Architectures.named("a").id(), 10,
                List.of("k"), new int[]{1}, new int[]{1});
        var options = new InferenceTopology.Options(1, java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1));
        Io features = io(InferenceTopology.build(model, batch -> new float[0][], options, false));
        Io audio = io(AudioReplayTopology.build(model, batch -> new float[0][], options, Architectures.named("a"), Set.of(),
                new java.util.concurrent.atomic.LongAdder()));
        Set<String> reads = new HashSet<>(features.reads());
        reads.addAll(audio.reads());
        reads.add(Topics.TRACK_TAGS); // it watches its progress there
        Set<String> writes = new HashSet<>(features.writes());
        writes.addAll(audio.writes());
        assertThat(topicsAllowed("tagger-retag", "Read")).isEqualTo(reads);
        assertThat(topicsAllowed("tagger-retag", "Write")).isEqualTo(writes);
        for (String appId : List.of(InferenceTopology.applicationId("tagger-synth", "4"), AudioReplayTopology.applicationId("tagger-synth", "4"))) {
            assertThat(appId).endsWith(version);
            assertThat(covers(prefixes("tagger-retag", "group"), appId)).as(appId).isTrue();
            assertThat(covers(prefixes("tagger-retag", "transactionalId"), appId + "-0_0")).as(appId).isTrue();
            assertThat(covers(prefixes("tagger-retag", "topic"), appId + "-pending-segments-changelog")).as(appId).isTrue();
        }
        assertThat(pod.path("containers").get(0).path("args").toString()).contains("retag", "--model");
        assertThat(pod.path("containers").get(0).path("env").toString()).contains("\"name\":\"tagger-retag\"");
    }

    /** The public ingest serves no metrics: Prometheus scrapes its management port, which only the monitoring namespace reaches. */
    @Test
    void theIngestsMetricsAreOnItsManagementPortWhichOnlyMonitoringReaches() throws IOException {
        Properties ingest = config("ingest-service");
        assertThat(ingest.getProperty("quarkus.management.enabled")).isEqualTo("true");
        assertThat(ingest.getProperty("quarkus.smallrye-health.management.enabled")).as("health stays on the probed port").isEqualTo("false");
        int management = Integer.parseInt(resolve(ingest.getProperty("quarkus.management.port")));
        int http = Integer.parseInt(resolve(ingest.getProperty("quarkus.http.port")));
        Manifest d = ManifestsTest.find(production, "Deployment", "ingest-service");
        JsonNode annotations = d.spec().path("template").path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(management));
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
        List<Integer> ports = new java.util.ArrayList<>();
        d.spec().path("template").path("spec").path("containers").get(0).path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        assertThat(ports).containsExactly(http, management);
        boolean scrapeAllowed = false;
        for (Manifest m : production) {
            if (!m.kind().equals("NetworkPolicy")
                    || !m.spec().path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals("ingest-service")) {
                continue;
            }
            for (JsonNode rule : m.spec().path("ingress")) {
                boolean opensManagement = false;
                for (JsonNode p : rule.path("ports")) {
                    opensManagement |= p.path("port").asInt() == management;
                }
                if (!opensManagement) {
                    continue;
                }
                assertThat(rule.path("from").size()).as(m + ": the management port is not open to everyone").isPositive();
                for (JsonNode from : rule.path("from")) {
                    assertThat(from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                            .as(m + ": only the monitoring namespace reaches the management port").isEqualTo("monitoring");
                    assertThat(from.has("podSelector") || from.has("ipBlock")).as(m.toString()).isFalse();
                }
                scrapeAllowed = true;
            }
        }
        assertThat(scrapeAllowed).as("a NetworkPolicy lets the monitoring namespace scrape the ingest").isTrue();
    }
}
