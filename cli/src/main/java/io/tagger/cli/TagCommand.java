package io.tagger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagger.audio.AudioDecoder;
import io.tagger.audio.AudioDecodingException;
import io.tagger.audio.Segmenter;
import io.tagger.pipeline.Topics;
import io.tagger.producer.TrackIds;
import io.tagger.producer.TrackPublisher;
import io.tagger.proto.v1.TagScore;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.ModelBundle;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code ./tagger tag FILE...}: sends audio files (or folders of them) through the whole Kafka
 * pipeline and prints each track's tags. Without {@code --bootstrap-servers} it brings up the
 * local stack (deploy/stack.sh; reused when already up).
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag audio files through the streaming pipeline (decode and publish to audio-in -> features -> inference -> track-tags).")
final class TagCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files or folders.")
    List<Path> inputs;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster (default: the local stack, started if needed).")
    String bootstrap;

    @Option(names = "--model", paramLabel = "BUNDLE_DIR", description = "Model bundle for the local stack (default: models/default).")
    Path model;

    @Option(names = "--json", description = "Print every track's scores of all the model's tags as JSON.")
    boolean json;

    @Option(names = "--top", defaultValue = "5", description = "Top tags to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--timeout", defaultValue = "PT3M", description = "How long to wait for the tags (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("tagger.home", "."));
        Path bundleDir = model != null ? model : home.resolve("models/default");
        ModelBundle bundle = ModelBundle.read(bundleDir);
        String servers = bootstrap != null ? bootstrap : LocalStack.start(home, bundleDir);
        if (bootstrap == null) {
            System.err.println("web page: http://127.0.0.1:8081/  (API key in " + LocalStack.dir(home).resolve("api-key") + ")");
        }
        List<Path> files = AudioFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new Tagger.UserError("no audio files in " + inputs);
        }
        AudioDecoder decoder = AudioDecoder.builder().setSampleRate(bundle.settings().sampleRate()).build();
        Map<String, Path> trackFiles = new LinkedHashMap<>();
        int failed = 0;
        Map<String, Object> kafka = KafkaClients.settings(servers);
        kafka.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tagger-cli-" + UUID.randomUUID());
        try (TrackPublisher publisher = new TrackPublisher(kafka,
                new Segmenter(bundle.settings().segmentSamples(), bundle.segmentsPerTrack()), bundle.settings().sampleRate())) {
            for (Path f : files) {
                try {
                    String id = TrackIds.of(f);
                    publisher.publish(id, f.getFileName().toString(), decoder.decodeSegments(f, publisher.segmenter()));
                    trackFiles.put(id, f);
                } catch (AudioDecodingException e) {
                    System.err.println("skipped: " + e.getMessage());
                    failed++;
                }
            }
        }
        Map<String, TrackTags> results = await(servers, trackFiles.keySet(), bundle);
        ArrayNode all = JSON.createArrayNode();
        for (var e : trackFiles.entrySet()) {
            TrackTags t = results.get(e.getKey());
            if (t == null) {
                System.err.println("no tags within " + timeout + " for " + e.getValue() + " (track " + e.getKey() + ")");
                failed++;
                continue;
            }
            if (json) {
                ObjectNode n = all.addObject();
                n.put("file", e.getValue().toString());
                n.put("track_id", t.getTrackId());
                n.put("model", t.getModelName() + " " + t.getModelVersion());
                n.putPOJO("tags", t.getTagsList());
                ObjectNode scores = n.putObject("scores");
                t.getScoresList().forEach(s -> scores.put(s.getTag(), s.getScore()));
            } else {
                List<TagScore> best = new ArrayList<>(t.getScoresList());
                best.sort(Comparator.comparingDouble(TagScore::getScore).reversed());
                StringBuilder line = new StringBuilder();
                for (TagScore s : best.subList(0, Math.min(top, best.size()))) {
                    line.append(String.format(Locale.ROOT, "%s %.2f  ", s.getTag(), s.getScore()));
                }
                System.out.printf(Locale.ROOT, "%s  [%s]  %s%n", e.getValue(), t.getTrackId(), line.toString().strip());
            }
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(all));
        }
        return failed == 0 ? Tagger.EXIT_OK : Tagger.EXIT_BAD_INPUT;
    }

    private Map<String, TrackTags> await(String servers, java.util.Set<String> ids, ModelBundle bundle) {
        Map<String, TrackTags> found = new LinkedHashMap<>();
        Map<String, Object> c = KafkaClients.settings(servers);
        c.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "tagger-cli-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TRACK_TAGS));
            while (found.size() < ids.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!ids.contains(Topics.trackIdOfTagsKey(r.key()))) {
                        continue;
                    }
                    try {
                        TrackTags t = TrackTags.parseFrom(r.value());
                        if (t.getModelName().equals(bundle.name()) && t.getModelVersion().equals(bundle.version())) {
                            found.put(t.getTrackId(), t);
                        }
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        System.err.println("skipped an unreadable track-tags record: " + e.getMessage());
                    }
                }
            }
        }
        return found;
    }
}
