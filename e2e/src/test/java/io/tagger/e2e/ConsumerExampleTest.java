package io.tagger.e2e;

import io.tagger.consumer.example.LatestTrackTags;
import io.tagger.consumer.example.PrintTrackTags;
import io.tagger.producer.CatalogueProducer;
import io.tagger.proto.v1.TagScore;
import io.tagger.proto.v1.TrackTags;
import io.tagger.serving.ModelBundle;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer example (docs/consuming.md) reads what the pipeline writes: after two tracks are
 * tagged, it prints one line per track with the served model's version and the tags the pipeline
 * wrote, and its LatestTrackTags holds exactly the records on the topic.
 */
@ExtendWith(SharedPipeline.Resolver.class)
class ConsumerExampleTest {
    static SharedPipeline pipeline;

    @BeforeAll
    static void start(SharedPipeline shared) {
        pipeline = shared;
    }

    @Test
    void theExampleReadsTheLatestTagsOfEveryTrackThePipelineTagged() throws Exception {
        ModelBundle bundle = ModelBundle.read(SharedPipeline.MODEL);
        String version = bundle.name() + ":" + bundle.version();
        float[] track = new float[CatalogueProducer.SEGMENT_SAMPLES * 2];
        try (CatalogueProducer producer = CatalogueProducer.builder().setBootstrapServers(pipeline.kafka.bootstrapServers())
                .optTransactionalId(CatalogueProducer.TRANSACTIONAL_ID_PREFIX + "consumer-test").build()) {
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < track.length; i++) {
                    track[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 << k) * i / 16000.0) * (i % 8000 < 800 ? 1 : 0.3));
                }
                producer.push("consumer:track-" + k, track, 16000);
            }
        }
        List<String> ids = List.of("consumer:track-0", "consumer:track-1");
        var written = TrackTagsOnTopic.await(pipeline.kafka.bootstrapServers(), ids, Duration.ofMinutes(3));
        assertThat(written).as(pipeline::diagnosis).hasSize(2);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = PrintTrackTags.run(new PrintStream(printed, true, StandardCharsets.UTF_8),
                "--bootstrap-servers", pipeline.kafka.bootstrapServers(), "--version", version);
        assertThat(exit).isZero();
        String out = printed.toString(StandardCharsets.UTF_8);
        for (String id : ids) {
            TrackTags t = TrackTagsOnTopic.parse(written.get(id + "@" + version));
            String top = t.getScoresList().stream().sorted(java.util.Comparator.comparingDouble(TagScore::getScore).reversed())
                    .limit(3).map(s -> String.format(java.util.Locale.ROOT, "%s %.2f", s.getTag(), s.getScore()))
                    .collect(java.util.stream.Collectors.joining(", "));
            assertThat(out.lines().filter(l -> l.startsWith(id + "\t"))).containsExactly(id + "\t" + version
                    + "\t2/2 segments\ttags: " + String.join(", ", t.getTagsList()) + "\ttop: " + top);
        }

        LatestTrackTags latest = new LatestTrackTags(null);
        PrintTrackTags.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers()), latest, false,
                trackId -> { });
        for (String id : ids) {
            assertThat(latest.latest(id)).contains(TrackTagsOnTopic.parse(written.get(id + "@" + version)));
            assertThat(latest.latest(id).map(LatestTrackTags::complete)).contains(true);
        }
    }
}
