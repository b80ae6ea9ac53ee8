package io.tagger.e2e;

import io.tagger.testing.InProcessKafka;
import io.tagger.testing.TestApiKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole pipeline for the end-to-end tests, started once per test JVM: a real in-process KRaft
 * broker and the three packaged services (target/quarkus-app) as separate processes, with the
 * test API keys; stopped when the test run ends.
 */
final class SharedPipeline implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("tagger.root", ".."));
    static final Path MODEL = ROOT.resolve("models/default");
    /** The services, in start order; {@code services} holds their processes in the same order. */
    static final List<String> SERVICES = List.of("ingest-service", "feature-service", "inference-service");

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
        kafka.createTopics(Map.of("audio-in", 4, "segment-features", 4, "track-tags", 4, "track-ids", 4, "tagging-dlq", 1),
                Map.of("track-tags", Map.of("cleanup.policy", "compact"), "track-ids", Map.of("cleanup.policy", "compact")));
        for (String s : SERVICES) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(s, socket.getLocalPort());
            }
        }
        for (String s : SERVICES) {
            Path state = Files.createTempDirectory("e2e-state-" + s);
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Djava.library.path=" + ROOT.resolve("serving/target/tensorflow-native"),
                    "-Dai.djl.offline=true", "-Dquarkus.http.port=" + ports.get(s),
                    // the ingest's metrics port (management interface): a free one, not the default 9000
                    "-Dquarkus.management.port=" + freePort(),
                    // as deploy/stack.sh: native libraries unpacked under target/, not the user's home
                    "-Dorg.bytedeco.javacpp.cachedir=" + ROOT.resolve("e2e/target/javacpp"),
                    "-Dkafka-streams.state.dir=" + state,
                    "-jar", ROOT.resolve(s).resolve("target/quarkus-app/quarkus-run.jar").toString())
                    .redirectErrorStream(true).redirectOutput(logs.resolve(s + ".log").toFile());
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            pb.environment().put("TAGGER_MODEL_DIR", MODEL.toString());
            pb.environment().put("TAGGER_INFERENCE_APP_ID", "e2e-inference-" + UUID.randomUUID());
            pb.environment().put("TENSORFLOW_LIBRARY_PATH", ROOT.resolve("serving/target/tensorflow-native").toString());
            pb.environment().put("TAGGER_API_KEYS_FILE", TestApiKeys.file().toString());
            pb.environment().put("TAGGER_INFERENCE_URL", "http://127.0.0.1:" + ports.get("inference-service"));
            pb.environment().put("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "8192");
            services.add(pb.start());
        }
        HttpClient http = HttpClient.newHttpClient();
        for (var e : ports.entrySet()) {
            long deadline = System.currentTimeMillis() + 120_000;
            boolean up = false;
            while (!up && System.currentTimeMillis() < deadline) {
                try {
                    up = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getValue() + "/q/health"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!up) {
                    Thread.sleep(500);
                }
            }
            if (!up) {
                throw new IllegalStateException(e.getKey() + " did not become healthy in 2 minutes (log: "
                        + logs.resolve(e.getKey() + ".log") + ")" + diagnosis());
            }
        }
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /**
     * What each service says of itself, for a failing test's message (CI keeps only the end of its
     * output, so it is short): whether its process lives, its health, its log's last warnings and
     * where its stream threads are (a stuck thread holds its transaction open).
     */
    String diagnosis() {
        StringBuilder out = new StringBuilder("\n--- the pipeline ---\n").append(topicEnds()).append(freeDisk());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < SERVICES.size(); i++) {
            String s = SERVICES.get(i);
            Process p = services.get(i);
            out.append("\n").append(s).append(p.isAlive() ? ": running" : ": exited with " + p.exitValue());
            try {
                String health = http.send(HttpRequest.newBuilder(URI.create(url(s) + "/q/health")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().replaceAll("\\s+", "");
                Matcher state = Pattern.compile("\"state\":\"(\\w+)\"").matcher(health);
                out.append(", health ").append(health.startsWith("{\"status\":\"UP\"") ? "UP" : "DOWN")
                        .append(state.find() ? ", streams " + state.group(1) : "");
            } catch (IOException e) {
                out.append(", no health answer (").append(e.getClass().getSimpleName()).append(')');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out.append(" (interrupted)").toString();
            }
            if (p.isAlive()) {
                out.append(streamThreads(p.pid()));
            }
            try {
                List<String> warnings = Files.readAllLines(logs.resolve(s + ".log")).stream().filter(l -> (l.contains(" WARN ")
                        || l.contains(" ERROR ") || l.contains("Exception")) && !l.contains("OffsetFetcherUtils")).toList();
                warnings.subList(Math.max(0, warnings.size() - 3), warnings.size())
                        .forEach(l -> out.append("\n  | ").append(l.length() > 240 ? l.substring(0, 240) + "..." : l));
            } catch (IOException e) {
                out.append("\n  log unreadable (").append(e).append(')');
            }
        }
        return out.toString();
    }

    /** Each topic's end offsets summed over partitions: all records, and the committed ones (which stage stopped). */
    private String topicEnds() {
        List<String> topics = List.of("audio-in", "segment-features", "track-tags", "tagging-dlq");
        StringBuilder out = new StringBuilder("ends (all/committed):");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            var all = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(10, TimeUnit.SECONDS);
            var committed = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            for (String t : topics) {
                out.append(' ').append(t).append(' ').append(sum(all, t)).append('/').append(sum(committed, t));
            }
        } catch (Exception e) {
            out.append(" unknown (").append(e).append(')');
        }
        return out.toString();
    }

    /** Free space where the brokers, the services' state and the build write (a full disk kills a stream thread). */
    private static String freeDisk() {
        StringBuilder out = new StringBuilder("\nfree disk:");
        for (Path p : List.of(Path.of(System.getProperty("java.io.tmpdir")), ROOT.toAbsolutePath())) {
            out.append(' ').append(p).append(' ').append(p.toFile().getUsableSpace() >> 20).append(" MB");
        }
        return out.toString();
    }

    private static long sum(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends, String topic) {
        return ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Each Kafka Streams thread of a service, its state and where it is in the project's or Kafka's code (jcmd). */
    private static String streamThreads(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes());
            StringBuilder out = new StringBuilder();
            Matcher name = Pattern.compile("^\"[^\"]*-(StreamThread-\\d+)\"").matcher("");
            for (String thread : dump.split("\n\n")) {
                if (name.reset(thread).find()) {
                    List<String> frames = thread.lines().map(String::trim).filter(l -> l.startsWith("at ")
                            && !l.contains("java.base")).limit(3).map(l -> l.substring(3).replaceAll("\\(.*", "")).toList();
                    String state = thread.lines().filter(l -> l.contains("Thread.State:")).findFirst()
                            .map(l -> l.replaceAll(".*State: ", "")).orElse("?");
                    out.append("\n  ").append(name.group(1)).append(' ').append(state).append(" in ").append(String.join(" < ", frames));
                }
            }
            return out.toString();
        } catch (IOException e) {
            return "\n  no thread dump (" + e + ")";
        }
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

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
