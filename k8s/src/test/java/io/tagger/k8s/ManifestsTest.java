package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay (and the re-tag job) renders with kustomize, every rendered object is valid
 * against the Kubernetes or Strimzi schema, and the objects follow the deployment's rules.
 */
class ManifestsTest {
    static final Path K8S = Path.of(System.getProperty("tagger.k8s.dir", "."));
    static final List<String> OVERLAYS = List.of("dev", "production", "production-gpu");
    static SchemaValidator validator;

    @BeforeAll
    static void schemas() throws Exception {
        validator = new SchemaValidator(K8S.resolve("schemas/strimzi-1.2.0"), K8S.resolve("schemas/prometheus-operator"));
    }

    static List<Manifest> overlay(String name) throws Exception {
        return Kustomize.render(K8S.resolve("overlays").resolve(name));
    }

    static Manifest find(List<Manifest> all, String kind, String name) {
        return all.stream().filter(m -> m.is(kind, name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production", "overlays/production-gpu", "jobs/retag", "monitoring"})
    void rendersAndEveryObjectIsValidAgainstItsSchema(String dir) throws Exception {
        List<Manifest> all = Kustomize.render(K8S.resolve(dir));
        assertThat(all).isNotEmpty();
        List<String> errors = new ArrayList<>();
        all.forEach(m -> errors.addAll(validator.validate(m)));
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "production-gpu"})
    void everyOverlayHasTheWholeSystem(String name) throws Exception {
        Set<String> objects = overlay(name).stream().map(Manifest::toString).collect(Collectors.toSet());
        assertThat(objects).contains("Kafka/tagger-kafka", "KafkaNodePool/dual-role", "KafkaTopic/audio-in",
                "KafkaTopic/segment-features", "KafkaTopic/track-tags", "KafkaTopic/track-ids", "KafkaTopic/tagging-dlq", "KafkaUser/tagger-ingest",
                "KafkaUser/tagger-features", "KafkaUser/tagger-inference", "KafkaUser/tagger-retag", "KafkaUser/tagger-producer",
                "KafkaUser/tagger-reader", "ConfigMap/tagger-config",
                "Deployment/ingest-service", "Deployment/feature-service", "Deployment/inference-service",
                "PodDisruptionBudget/ingest-service", "PodDisruptionBudget/feature-service", "PodDisruptionBudget/inference-service",
                "HorizontalPodAutoscaler/feature-service", "HorizontalPodAutoscaler/inference-service",
                "NetworkPolicy/default-deny");
    }

    /** The node pool has {@code nodes} brokers and every topic as many replicas, with {@code minIsr} in sync. */
    static void assertKafkaNodesAndTopicReplication(List<Manifest> all, int nodes, int minIsr) {
        assertThat(find(all, "KafkaNodePool", "dual-role").spec().path("replicas").asInt()).isEqualTo(nodes);
        for (Manifest t : all.stream().filter(m -> m.kind().equals("KafkaTopic")).toList()) {
            assertThat(t.spec().path("replicas").asInt()).as(t.toString()).isEqualTo(nodes);
            assertThat(t.spec().path("config").path("min.insync.replicas").asInt()).as(t.toString()).isEqualTo(minIsr);
        }
    }

    @Test
    void productionRunsThreeKafkaNodesWithReplicationThreeAndMinIsrTwo() throws Exception {
        List<Manifest> all = overlay("production");
        assertKafkaNodesAndTopicReplication(all, 3, 2);
        JsonNode config = find(all, "Kafka", "tagger-kafka").spec().path("kafka").path("config");
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
    }

    @Test
    void devRunsOneKafkaNodeAndEverythingFitsIt() throws Exception {
        List<Manifest> all = overlay("dev");
        assertKafkaNodesAndTopicReplication(all, 1, 1);
        assertThat(find(all, "ConfigMap", "tagger-config").doc().path("data").path("TAGGER_REPLICATION_FACTOR").asText()).isEqualTo("1");
        // The patches kept what they did not name.
        assertThat(find(all, "KafkaTopic", "audio-in").spec().path("config").path("retention.ms").asLong()).isEqualTo(-1);
        assertThat(find(all, "KafkaTopic", "track-tags").spec().path("config").path("cleanup.policy").asText()).isEqualTo("compact");
    }

    @Test
    void retainedTopicsMakeReplaysPossibleAndTagsAreCompacted() throws Exception {
        List<Manifest> all = overlay("production");
        for (String t : List.of("audio-in", "segment-features")) {
            JsonNode c = find(all, "KafkaTopic", t).spec().path("config");
            assertThat(c.path("retention.ms").asLong()).as(t).isEqualTo(-1);
            assertThat(c.path("cleanup.policy").asText("delete")).as(t).isEqualTo("delete");
        }
        assertThat(find(all, "KafkaTopic", "track-tags").spec().path("config").path("cleanup.policy").asText()).isEqualTo("compact");
        assertThat(find(all, "KafkaTopic", "track-ids").spec().path("config").path("cleanup.policy").asText()).isEqualTo("compact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "production-gpu"})
    void podsAreLockedDownProbedAndBounded(String name) throws Exception {
        List<Manifest> all = overlay(name);
        List<Manifest> workloads = all.stream().filter(m -> m.kind().equals("Deployment")).toList();
        assertThat(workloads).hasSize(3);
        for (Manifest d : workloads) {
            JsonNode pod = d.spec().path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(d.toString()).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(d.toString()).isFalse();
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            for (JsonNode c : containers) {
                String what = d + " " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
                assertThat(sc.path("capabilities").path("drop").toString()).as(what).contains("ALL");
                assertThat(c.path("resources").path("requests").path("cpu").isMissingNode()).as(what + " cpu request").isFalse();
                assertThat(c.path("resources").path("requests").path("memory").isMissingNode()).as(what + " memory request").isFalse();
                assertThat(c.path("resources").path("limits").path("memory").isMissingNode()).as(what + " memory limit").isFalse();
                assertThat(c.path("image").asText()).as(what).doesNotEndWith(":latest").contains(":");
            }
            JsonNode main = pod.path("containers").get(0);
            assertThat(main.path("readinessProbe").path("httpGet").path("path").asText()).as(d.toString()).isEqualTo("/q/health/ready");
            assertThat(main.path("livenessProbe").path("httpGet").path("path").asText()).as(d.toString()).isEqualTo("/q/health/live");
            assertThat(all).as("a PodDisruptionBudget for " + d).anyMatch(m -> m.is("PodDisruptionBudget", d.name())
                    && m.spec().path("selector").path("matchLabels").equals(d.spec().path("selector").path("matchLabels")));
        }
    }

    @Test
    void credentialsComeFromSecretsNotFromConfigMaps() throws Exception {
        List<Manifest> all = overlay("production");
        for (Manifest m : all.stream().filter(m -> m.kind().equals("ConfigMap")).toList()) {
            m.doc().path("data").fieldNames().forEachRemaining(k ->
                    assertThat(k.toUpperCase()).as(m + " " + k).doesNotContain("PASSWORD", "JAAS", "SECRET", "TOKEN", "API_KEY"));
        }
        Map<String, String> users = Map.of("ingest-service", "tagger-ingest", "feature-service", "tagger-features",
                "inference-service", "tagger-inference");
        for (var e : users.entrySet()) {
            JsonNode env = find(all, "Deployment", e.getKey()).spec().path("template").path("spec").path("containers").get(0).path("env");
            JsonNode jaas = null;
            for (JsonNode v : env) {
                if (v.path("name").asText().equals("TAGGER_KAFKA_SASL_JAAS_CONFIG")) {
                    jaas = v;
                }
            }
            assertThat(jaas).as(e.getKey() + " logs in to Kafka").isNotNull();
            assertThat(jaas.path("valueFrom").path("secretKeyRef").path("name").asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theHttpServicesReadTheirApiKeysFromTheSecret() throws Exception {
        List<Manifest> all = overlay("production");
        for (String s : List.of("ingest-service", "inference-service")) {
            JsonNode pod = find(all, "Deployment", s).spec().path("template").path("spec");
            String mountPath = null;
            for (JsonNode m : pod.path("containers").get(0).path("volumeMounts")) {
                if (m.path("name").asText().equals("api-keys")) {
                    mountPath = m.path("mountPath").asText();
                }
            }
            assertThat(mountPath).as(s + " mounts the API keys").isNotNull();
            assertThat(pod.path("volumes").toString()).contains("\"secretName\":\"tagger-api-keys\"");
            assertThat(pod.path("containers").get(0).path("env").toString()).contains("TAGGER_API_KEYS_FILE", mountPath + "/keys");
        }
    }

    @Test
    void gpuOverlayPutsInferenceOnGpuNodesWithTheGpuImage() throws Exception {
        Manifest d = find(overlay("production-gpu"), "Deployment", "inference-service");
        JsonNode pod = d.spec().path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("image").asText()).contains("inference-service-gpu");
        assertThat(c.path("resources").path("limits").path("nvidia.com/gpu").asText()).isEqualTo("1");
        assertThat(pod.path("tolerations").toString()).contains("nvidia.com/gpu");
        assertThat(pod.path("nodeSelector").path("nvidia.com/gpu.present").asText()).isEqualTo("true");
        // The CPU overlays ask for no GPU.
        JsonNode cpu = find(overlay("production"), "Deployment", "inference-service").spec().path("template").path("spec")
                .path("containers").get(0);
        assertThat(cpu.path("image").asText()).doesNotContain("gpu");
        assertThat(cpu.path("resources").path("limits").has("nvidia.com/gpu")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "production-gpu"})
    void autoscalersNeverExceedThePartitionsTheyConsume(String name) throws Exception {
        List<Manifest> all = overlay(name);
        Map<String, String> input = Map.of("feature-service", "audio-in", "inference-service", "segment-features",
                "ingest-service", "audio-in");
        for (Manifest hpa : all.stream().filter(m -> m.kind().equals("HorizontalPodAutoscaler")).toList()) {
            String target = hpa.spec().path("scaleTargetRef").path("name").asText();
            int partitions = find(all, "KafkaTopic", input.get(target)).spec().path("partitions").asInt();
            assertThat(hpa.spec().path("maxReplicas").asInt()).as(hpa.toString()).isLessThanOrEqualTo(partitions);
            for (JsonNode metric : hpa.spec().path("metrics")) {
                if (metric.path("type").asText().equals("External")) {
                    assertThat(metric.path("external").path("metric").path("name").asText()).isEqualTo("kafka_consumergroup_lag");
                    assertThat(metric.path("external").path("metric").path("selector").path("matchLabels").path("topic").asText())
                            .as(hpa.toString()).isEqualTo(input.get(target));
                }
            }
        }
    }

    @Test
    void theValidatorRefusesWhatKubernetesAndStrimziWouldRefuse() throws Exception {
        List<Manifest> bad = Kustomize.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replicaz: 2
                  selector: {matchLabels: {a: b}}
                  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: no-containers-name}
                spec:
                  selector: {matchLabels: {a: b}}
                  template: {metadata: {labels: {a: b}}, spec: {containers: [{image: i}]}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: wrong-type}
                spec:
                  replicas: three
                  selector: {matchLabels: {a: b}}
                  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 0, replicas: 1, retention: 5}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: u}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls: [{resource: {type: topic, name: x}, operations: [Eat]}]
                ---
                apiVersion: example.com/v1
                kind: Unknown
                metadata: {name: x}
                """);
        for (Manifest m : bad) {
            assertThat(validator.validate(m)).as(m.toString()).isNotEmpty();
        }
        assertThat(validator.validate(bad.get(0)).toString()).contains("replicaz");
        assertThat(validator.validate(bad.get(1)).toString()).contains("name");
        assertThat(validator.validate(bad.get(3)).toString()).contains("retention");
        assertThat(validator.validate(bad.get(4)).toString()).contains("operations[0]", "enumeration");
        assertThat(validator.validate(bad.get(3)).toString()).contains("partitions");
    }
}
