package io.tagger.e2e;

import io.tagger.testing.InProcessKafka;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole pipeline for the end-to-end tests, started once per test JVM: a real in-process KRaft
 * broker and the three packaged services (target/quarkus-app) as separate processes, with the
 * test API keys; stopped when the test run ends.
 */
final class SharedPipeline implements ExtensionContext.Store.CloseableResource {
    static final Path ROOT = Path.of(System.getProperty("tagger.root", ".."));
    static final Path MODEL = ROOT.resolve("models/default");

    final InProcessKafka kafka;
    final Map<String, Integer> ports = new HashMap<>();
    final Path logs;
    private final List<Process> services = new ArrayList<>();

    /** Gives a test method or {@code @BeforeAll} a {@code SharedPipeline} parameter. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == SharedPipeline.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return get(e);
        }
    }

    /** The pipeline of this test run: started by the first test class, stopped after the last one. */
    static SharedPipeline get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SharedPipeline.class, k -> {
            try {
                return new SharedPipeline();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the pipeline: " + e.getMessage(), e);
            }
        }, SharedPipeline.class);
    }

    private SharedPipeline() throws Exception {
        logs = Files.createDirectories(ROOT.resolve("e2e/target/services"));
        kafka = InProcessKafka.start();
        kafka.createTopics(Map.of("audio-in", 4, "segment-features", 4, "track-tags", 4, "tagging-dlq", 1),
                Map.of("track-tags", Map.of("cleanup.policy", "compact")));
        for (String s : List.of("ingest-service", "feature-service", "inference-service")) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(s, socket.getLocalPort());
            }
        }
        for (String s : List.of("ingest-service", "feature-service", "inference-service")) {
            Path state = Files.createTempDirectory("e2e-state-" + s);
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Djava.library.path=" + ROOT.resolve("model/target/tensorflow-native"),
                    "-Dai.djl.offline=true", "-Dquarkus.http.port=" + ports.get(s),
                    "-Dkafka-streams.state.dir=" + state,
                    "-jar", ROOT.resolve(s).resolve("target/quarkus-app/quarkus-run.jar").toString())
                    .redirectErrorStream(true).redirectOutput(logs.resolve(s + ".log").toFile());
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            pb.environment().put("TAGGER_MODEL_DIR", MODEL.toString());
            pb.environment().put("TAGGER_INFERENCE_APP_ID", "e2e-inference-" + UUID.randomUUID());
            pb.environment().put("TENSORFLOW_LIBRARY_PATH", ROOT.resolve("model/target/tensorflow-native").toString());
            pb.environment().put("TAGGER_API_KEYS_FILE", TestApiKeys.file().toString());
            pb.environment().put("TAGGER_INFERENCE_URL", "http://127.0.0.1:" + ports.get("inference-service"));
            services.add(pb.start());
        }
        HttpClient http = HttpClient.newHttpClient();
        for (var e : ports.entrySet()) {
            long deadline = System.currentTimeMillis() + 120_000;
            boolean up = false;
            while (!up && System.currentTimeMillis() < deadline) {
                try {
                    up = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getValue() + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            if (!up) {
                throw new IllegalStateException(e.getKey() + " did not become ready (log: " + logs.resolve(e.getKey() + ".log") + ")");
            }
        }
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    @Override
    public void close() {
        services.forEach(Process::destroy);
        for (Process p : services) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            kafka.close();
        } catch (Exception e) {
            // the JVM is exiting
        }
    }
}
