package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images, where no container engine runs: deploy/build-images.sh assembles every build
 * context, and each Dockerfile is checked against its context and the deployment — every file it
 * copies is there, the base image is pinned, it runs as the non-root user the pods require, it
 * exposes the port the Deployment probes, and its entry point starts what was copied.
 */
class DockerfilesTest {
    static final Path ROOT = ManifestsTest.K8S.resolve("..").toAbsolutePath().normalize();
    static final Path IMAGES = ROOT.resolve("deploy/target/images");
    static final Map<String, Integer> PORTS = Map.of("ingest-service", 8081, "feature-service", 8082, "inference-service", 8083);

    @BeforeAll
    static void assemble() throws Exception {
        Process p = new ProcessBuilder(ROOT.resolve("deploy/build-images.sh").toString(), "--assemble-only", "--gpu-context")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "feature-service", "inference-service", "inference-service-gpu", "cli", "model-tagger-synth-4"})
    void everyCopiedFileIsInTheContextAndTheImageRunsAsNonRoot(String image) throws Exception {
        Dockerfile d = Dockerfile.read(IMAGES.resolve(image));
        for (Dockerfile.Instruction from : d.all("FROM")) {
            String base = from.words().get(0);
            assertThat(base).as(image + " base image is pinned").contains(":").doesNotEndWith(":latest");
        }
        assertThat(d.all("ADD")).as("COPY, not ADD (no remote or archive surprises)").isEmpty();
        assertThat(d.all("COPY")).isNotEmpty();
        for (Dockerfile.Instruction copy : d.all("COPY")) {
            List<String> w = copy.words();
            for (String source : w.subList(0, w.size() - 1)) {
                assertThat(matches(d.context(), source)).as(image + ": COPY " + source).isTrue();
            }
        }
        assertThat(d.last("USER")).as(image + " sets a user").isNotNull();
        assertThat(d.last("USER").arguments()).as(image + " runs as the pods' runAsUser").isEqualTo("185");
        for (Dockerfile.Instruction env : d.all("ENV")) {
            assertThat(env.arguments().toUpperCase()).as(image + ": no secret in the image").doesNotContain("PASSWORD", "JAAS", "API_KEY");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "feature-service", "inference-service", "inference-service-gpu"})
    void servicesExposeTheirPortAndStartTheCopiedApplication(String image) throws Exception {
        Dockerfile d = Dockerfile.read(IMAGES.resolve(image));
        String service = image.replace("-gpu", "");
        assertThat(d.last("EXPOSE").arguments()).isEqualTo(String.valueOf(PORTS.get(service)));
        String start = d.last("ENTRYPOINT").arguments() + " " + d.all("ENV").stream().map(Dockerfile.Instruction::arguments).toList();
        assertThat(start).contains("/deployments/quarkus-run.jar");
        assertThat(d.all("COPY").stream().map(Dockerfile.Instruction::arguments)).anyMatch(a -> a.contains("quarkus-app/*.jar /deployments/"));
        assertThat(IMAGES.resolve(image).resolve("quarkus-app/quarkus-run.jar")).exists();
        // The port the Deployment probes and the service's own HTTP port agree with the image.
        Manifest deployment = ManifestsTest.find(ManifestsTest.overlay("production"), "Deployment", service);
        JsonNode port = deployment.spec().path("template").path("spec").path("containers").get(0).path("ports").get(0);
        assertThat(port.path("containerPort").asInt()).isEqualTo(PORTS.get(service));
        assertThat(ServiceWiringTest.config(service).getProperty("quarkus.http.port")).contains(":" + PORTS.get(service) + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inference-service", "inference-service-gpu", "cli"})
    void tensorflowImagesCarryTheNativesTheyLoad(String image) throws Exception {
        Dockerfile d = Dockerfile.read(IMAGES.resolve(image));
        assertThat(IMAGES.resolve(image).resolve("tensorflow-native/libtensorflow_cc.so.2")).exists();
        assertThat(d.all("ENV").stream().map(Dockerfile.Instruction::arguments).toList().toString())
                .contains("TENSORFLOW_LIBRARY_PATH=/opt/tensorflow-native");
    }

    @Test
    void theGpuImageRunsOnCudaAndTheModelImageCarriesTheBundle() throws Exception {
        assertThat(Dockerfile.read(IMAGES.resolve("inference-service-gpu")).all("FROM").get(0).arguments()).startsWith("nvidia/cuda:");
        Path bundle = IMAGES.resolve("model-tagger-synth-4/model");
        assertThat(bundle.resolve("model.json")).exists();
        assertThat(bundle.resolve("saved_model.pb")).exists();
        // The init container copies what the image holds to where the inference service reads it.
        JsonNode pod = ManifestsTest.find(ManifestsTest.overlay("production"), "Deployment", "inference-service").spec()
                .path("template").path("spec");
        assertThat(pod.path("initContainers").get(0).path("command").toString()).contains("/model/.", "/models/current/");
    }

    @Test
    void everyImageTheManifestsRunIsBuilt() throws Exception {
        for (String overlay : ManifestsTest.OVERLAYS) {
            for (Manifest m : ManifestsTest.overlay(overlay)) {
                m.doc().findValues("image").stream().filter(JsonNode::isTextual).forEach(i -> {
                    String name = i.asText().substring(i.asText().lastIndexOf('/') + 1, i.asText().lastIndexOf(':'));
                    String context = name.equals("model") ? "model-" + i.asText().substring(i.asText().lastIndexOf(':') + 1) : name;
                    assertThat(IMAGES.resolve(context).resolve("Dockerfile")).as(overlay + " runs " + i.asText()).exists();
                });
            }
        }
    }

    /** A COPY source (a path or a glob, relative to the context) names at least one file there. */
    static boolean matches(Path context, String source) throws Exception {
        String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        if (!s.contains("*")) {
            return Files.exists(context.resolve(s));
        }
        PathMatcher m = context.getFileSystem().getPathMatcher("glob:" + s);
        try (Stream<Path> all = Files.walk(context, 3)) {
            return all.map(context::relativize).anyMatch(m::matches);
        }
    }
}
