package io.tagger.cli;

import com.google.protobuf.ByteString;
import io.tagger.pipeline.DeadLetters;
import io.tagger.pipeline.Topics;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.testing.InProcessKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./tagger dlq} on a real broker: dead letters written as the stages write them
 * ({@link DeadLetters}), then list, count, show and replay through the command line; the replayed
 * record is on its topic and partition with the original key and value bytes.
 */
class DlqCommandTest {
    static InProcessKafka kafka;
    static byte[] slowValue;
    static RecordMetadata slowOriginal;

    @BeforeAll
    static void deadLetters() throws Exception {
        kafka = InProcessKafka.start();
        kafka.createTopics(Map.of(Topics.AUDIO_IN, 2, Topics.DLQ, 1), Map.of());
        slowValue = AudioSegment.newBuilder().setTrackId("slow").setSegmentCount(1).setSampleRate(8000)
                .setPcmS16Le(ByteString.copyFrom(new byte[200])).build().toByteArray();
        byte[] huge = new byte[DeadLetters.MAX_ORIGINAL_BYTES + 10];
        new Random(1).nextBytes(huge);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            slowOriginal = p.send(new ProducerRecord<>(Topics.AUDIO_IN, 1, bytes("slow"), slowValue)).get();
            List<io.tagger.proto.v1.DeadLetter> letters = List.of(
                    DeadLetters.of("features", "segment at 8000 Hz, the feature settings 'a' need 16000 Hz", null, Topics.AUDIO_IN,
                            slowOriginal.partition(), slowOriginal.offset(), bytes("slow"), slowValue),
                    DeadLetters.of("features", "not an AudioSegment (corrupt protobuf): bad tag", null, Topics.AUDIO_IN, 0, 7,
                            bytes("huge"), huge),
                    DeadLetters.of("ingest", "x.mp3: cannot open", null, "", -1, -1, bytes("upload"), bytes("ID3...")));
            for (var d : letters) {
                p.send(new ProducerRecord<>(Topics.DLQ, d.getOriginalKey().toByteArray(), d.toByteArray())).get();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    record Run(int rc, String out) {
    }

    static Run tagger(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--bootstrap-servers";
            all[args.length + 1] = kafka.bootstrapServers();
            int rc = Tagger.run(all);
            return new Run(rc, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void listCountAndShow() {
        Run list = tagger("dlq", "list");
        assertThat(list.rc()).isEqualTo(Tagger.EXIT_OK);
        assertThat(list.out()).contains("POSITION", "0:0", "0:1", "0:2", "wrong-sample-rate", "corrupt-protobuf",
                "undecodable-audio", "audio-in 1@" + slowOriginal.offset(), "(upload)", "slow");
        assertThat(tagger("dlq", "list", "--limit", "1").out()).contains("0:2").doesNotContain("0:0 ");
        assertThat(tagger("dlq", "list", "--reason", "corrupt-protobuf").out()).contains("0:1").doesNotContain("0:0 ", "0:2 ");

        Run count = tagger("dlq", "count");
        assertThat(count.rc()).isEqualTo(Tagger.EXIT_OK);
        assertThat(count.out()).contains("3 dead letters on tagging-dlq (1 with a truncated original value)")
                .containsPattern("wrong-sample-rate +1").containsPattern("audio-in +2").containsPattern("\\(upload\\) +1")
                .containsPattern("features +2");

        Run show = tagger("dlq", "show", "0:0");
        assertThat(show.rc()).isEqualTo(Tagger.EXIT_OK);
        assertThat(show.out()).contains("segment at 8000 Hz", "parses as AudioSegment: track 'slow'", "8000 Hz",
                "replayable:     yes, to audio-in", "hex:");
        assertThat(tagger("dlq", "show", "0:1").out()).contains("truncated", "replayable:     no");
        assertThat(tagger("dlq", "show", "0:99").rc()).isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(tagger("dlq", "show", "nonsense").rc()).isEqualTo(Tagger.EXIT_BAD_INPUT);
    }

    @Test
    void replaySendsTheOriginalBackAndRefusesWhatItCannot() {
        assertThat(tagger("dlq", "replay").rc()).as("no selection").isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(tagger("dlq", "replay", "--from-offset", "0").rc()).as("offsets without partition").isEqualTo(Tagger.EXIT_BAD_INPUT);

        Run dry = tagger("dlq", "replay", "--all", "--dry-run");
        assertThat(dry.rc()).isEqualTo(Tagger.EXIT_INCOMPLETE);
        assertThat(dry.out()).contains("would replay 0:0", "refused 0:1", "truncated", "refused 0:2", "no source topic",
                "dry run: 1 of 3 selected dead letters would be replayed, 2 refused");
        assertThat(kafka.readCommitted(Topics.AUDIO_IN, Integer.MAX_VALUE, Duration.ofSeconds(10))).hasSize(1);

        Run replay = tagger("dlq", "replay", "--partition", "0", "--from-offset", "0", "--to-offset", "0");
        assertThat(replay.rc()).isEqualTo(Tagger.EXIT_OK);
        assertThat(replay.out()).contains("replayed 1 of 1 selected dead letters, 0 refused");
        List<ConsumerRecord<String, byte[]>> audio = kafka.readCommitted(Topics.AUDIO_IN, Integer.MAX_VALUE, Duration.ofSeconds(10));
        assertThat(audio).hasSize(2);
        ConsumerRecord<String, byte[]> again = audio.stream().filter(r -> r.offset() != slowOriginal.offset()
                || r.partition() != slowOriginal.partition()).findFirst().orElseThrow();
        assertThat(again.partition()).isEqualTo(slowOriginal.partition());
        assertThat(again.key()).isEqualTo("slow");
        assertThat(again.value()).isEqualTo(slowValue);
    }
}
